package io.kongexporter.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * The values of the entry being read, as {@link EntryReader} finds them; turned into a
 * {@link LogEntry} once the entry's object is closed. Reused for every entry of one body.
 */
final class EntryDraft {

    static final int ABSENT = -1;

    boolean hasResponse;
    boolean hasSession;
    String serviceName;
    String serviceHost;
    String routeName;
    String routeId;
    String apiName;
    String apiId;
    String consumerUsername;
    String consumerCustomId;
    String consumerId;
    String workspaceName;
    int responseStatus;
    int sessionStatus;
    String source;
    String upstreamStatus;
    double latencyKong;
    double latencyProxy;
    double latencyRequest;
    double latencyReceive;
    double latencySession;
    long requestSize;
    long responseSize;
    long sessionReceived;
    long sessionSent;
    int tries;
    String requestId;
    long startedAt;
    Map<String, String> extraFields;

    void putExtraField(String name, String value) {
        if (extraFields == null) {
            extraFields = new HashMap<>(4);
        }
        extraFields.put(name, value);
    }

    /**
     * The entry, once its object is closed.
     *
     * @throws InvalidEntryException it has neither {@code response} nor {@code session}, or no status
     */
    LogEntry toEntry() throws InvalidEntryException {
        if (!hasResponse && !hasSession) {
            throw new InvalidEntryException("entry has neither response nor session");
        }
        boolean stream = !hasResponse;
        int status = stream ? sessionStatus : responseStatus;
        if (status == ABSENT) {
            throw new InvalidEntryException(stream ? "session.status is missing" : "response.status is missing");
        }
        return new LogEntry(
                stream,
                serviceName,
                serviceHost,
                routeName,
                routeId,
                apiName != null ? apiName : apiId,
                consumerUsername,
                consumerCustomId,
                consumerId,
                workspaceName,
                status,
                source,
                upstreamStatus,
                latencyKong,
                latencyProxy,
                latencyRequest,
                latencyReceive,
                latencySession,
                stream ? sessionReceived : requestSize,
                stream ? sessionSent : responseSize,
                tries,
                requestId,
                startedAt,
                extraFields == null ? Map.of() : Map.copyOf(extraFields));
    }

    void reset() {
        hasResponse = false;
        hasSession = false;
        serviceName = null;
        serviceHost = null;
        routeName = null;
        routeId = null;
        apiName = null;
        apiId = null;
        consumerUsername = null;
        consumerCustomId = null;
        consumerId = null;
        workspaceName = null;
        responseStatus = ABSENT;
        sessionStatus = ABSENT;
        source = null;
        upstreamStatus = null;
        latencyKong = Double.NaN;
        latencyProxy = Double.NaN;
        latencyRequest = Double.NaN;
        latencyReceive = Double.NaN;
        latencySession = Double.NaN;
        requestSize = ABSENT;
        responseSize = ABSENT;
        sessionReceived = ABSENT;
        sessionSent = ABSENT;
        tries = ABSENT;
        requestId = null;
        startedAt = ABSENT;
        extraFields = null;
    }
}
