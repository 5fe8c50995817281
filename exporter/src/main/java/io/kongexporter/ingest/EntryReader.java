package io.kongexporter.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads one http-log entry object, field by field, into a {@link LogEntry}. Only the fields the
 * metrics need are read; everything else is skipped token by token, never materialised.
 *
 * <p>Holds the fields of the entry being read, so one instance serves one body at a time.
 */
final class EntryReader {

    private static final int ABSENT = -1;

    private final Set<String> extraFieldAllowlist;

    private boolean hasResponse;
    private boolean hasSession;
    private String serviceName;
    private String serviceHost;
    private String routeName;
    private String routeId;
    private String apiName;
    private String apiId;
    private String consumerUsername;
    private String consumerCustomId;
    private String consumerId;
    private String workspaceName;
    private int responseStatus;
    private int sessionStatus;
    private String source;
    private String upstreamStatus;
    private double latencyKong;
    private double latencyProxy;
    private double latencyRequest;
    private double latencyReceive;
    private double latencySession;
    private long requestSize;
    private long responseSize;
    private long sessionReceived;
    private long sessionSent;
    private int tries;
    private String requestId;
    private long startedAt;
    private Map<String, String> extraFields;

    EntryReader(Set<String> extraFieldAllowlist) {
        this.extraFieldAllowlist = extraFieldAllowlist;
    }

    /**
     * Reads the entry whose {@code START_OBJECT} is the current token and leaves the parser on its
     * {@code END_OBJECT}, also when the entry turns out to be invalid.
     *
     * @throws InvalidEntryException the entry has a field of the wrong type or no status
     * @throws IOException           the body itself is broken (syntax, truncation, limits)
     */
    LogEntry read(JsonParser p) throws IOException, InvalidEntryException {
        reset();
        int entryDepth = p.getParsingContext().getNestingDepth();
        try {
            readTopLevel(p);
        } catch (InvalidEntryException e) {
            skipRestOfEntry(p, entryDepth);
            throw e;
        }
        return toEntry();
    }

    private void readTopLevel(JsonParser p) throws IOException, InvalidEntryException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "request" -> readRequest(p);
                case "response" -> readResponse(p);
                case "session" -> readSession(p);
                case "latencies" -> readLatencies(p);
                case "service" -> readService(p);
                case "route" -> readRoute(p);
                case "api" -> readApi(p);
                case "consumer" -> readConsumer(p);
                case "tries" -> tries = countTries(p);
                case "source" -> source = JsonValues.text(p, "source");
                case "upstream_status" -> upstreamStatus = JsonValues.text(p, "upstream_status");
                case "workspace_name" -> workspaceName = JsonValues.text(p, "workspace_name");
                case "started_at" -> startedAt = JsonValues.wholeNumber(p, "started_at");
                default -> readOther(p, name);
            }
        }
    }

    private void readRequest(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "request")) {
            return;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "size" -> requestSize = JsonValues.wholeNumber(p, "request.size");
                case "id" -> requestId = JsonValues.text(p, "request.id");
                default -> JsonValues.skip(p);
            }
        }
    }

    private void readResponse(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "response")) {
            return;
        }
        hasResponse = true;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "status" -> responseStatus = JsonValues.status(p, "response.status");
                case "size" -> responseSize = JsonValues.wholeNumber(p, "response.size");
                default -> JsonValues.skip(p);
            }
        }
    }

    private void readSession(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "session")) {
            return;
        }
        hasSession = true;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "status" -> sessionStatus = JsonValues.status(p, "session.status");
                case "received" -> sessionReceived = JsonValues.wholeNumber(p, "session.received");
                case "sent" -> sessionSent = JsonValues.wholeNumber(p, "session.sent");
                default -> JsonValues.skip(p);
            }
        }
    }

    private void readLatencies(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "latencies")) {
            return;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "kong" -> latencyKong = JsonValues.number(p, "latencies.kong");
                case "proxy" -> latencyProxy = JsonValues.number(p, "latencies.proxy");
                case "request" -> latencyRequest = JsonValues.number(p, "latencies.request");
                case "receive" -> latencyReceive = JsonValues.number(p, "latencies.receive");
                case "session" -> latencySession = JsonValues.number(p, "latencies.session");
                default -> JsonValues.skip(p);
            }
        }
    }

    private void readService(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "service")) {
            return;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "name" -> serviceName = JsonValues.text(p, "service.name");
                case "host" -> serviceHost = JsonValues.text(p, "service.host");
                default -> JsonValues.skip(p);
            }
        }
    }

    private void readRoute(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "route")) {
            return;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "name" -> routeName = JsonValues.text(p, "route.name");
                case "id" -> routeId = JsonValues.text(p, "route.id");
                default -> JsonValues.skip(p);
            }
        }
    }

    private void readApi(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "api")) {
            return;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "name" -> apiName = JsonValues.text(p, "api.name");
                case "id" -> apiId = JsonValues.text(p, "api.id");
                default -> JsonValues.skip(p);
            }
        }
    }

    private void readConsumer(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "consumer")) {
            return;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "username" -> consumerUsername = JsonValues.text(p, "consumer.username");
                case "custom_id" -> consumerCustomId = JsonValues.text(p, "consumer.custom_id");
                case "id" -> consumerId = JsonValues.text(p, "consumer.id");
                default -> JsonValues.skip(p);
            }
        }
    }

    /** Elements of an array, or members of an object (Kong before 2.3 sends an empty {@code tries} as {}). */
    private static int countTries(JsonParser p) throws IOException, InvalidEntryException {
        JsonToken t = p.currentToken();
        int count = 0;
        if (t == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonValues.skip(p);
                count++;
            }
            return count;
        }
        if (t == JsonToken.START_OBJECT) {
            while (p.nextFieldName() != null) {
                p.nextToken();
                JsonValues.skip(p);
                count++;
            }
            return count;
        }
        if (t == JsonToken.VALUE_NULL) {
            return ABSENT;
        }
        throw new InvalidEntryException("tries is " + JsonValues.describe(t));
    }

    /** An allowlisted scalar is kept as text; anything else (objects, arrays, null) is skipped. */
    private void readOther(JsonParser p, String name) throws IOException {
        JsonToken t = p.currentToken();
        if (t.isScalarValue() && t != JsonToken.VALUE_NULL && extraFieldAllowlist.contains(name)) {
            if (extraFields == null) {
                extraFields = new HashMap<>(4);
            }
            extraFields.put(name, t == JsonToken.VALUE_STRING ? JsonValues.string(p) : p.getText());
            return;
        }
        JsonValues.skip(p);
    }

    /** After a bad value: consume the rest of the entry up to and including its END_OBJECT. */
    private static void skipRestOfEntry(JsonParser p, int entryDepth) throws IOException {
        JsonValues.skip(p);
        while (p.getParsingContext().getNestingDepth() >= entryDepth) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new JsonEOFException(p, null, "Unexpected end-of-input inside an entry");
            }
            JsonValues.skip(p);
        }
    }

    private LogEntry toEntry() throws InvalidEntryException {
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

    private void reset() {
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
