package io.kongexporter.ingest;

import java.util.HashMap;

/**
 * The entry being read, as {@link EntryReader} finds it: a {@link LogEntry.Builder} for the values the entry keeps,
 * and what only the wire has (a {@code response} or a {@code session}, an api name or id), resolved once the entry's
 * object is closed. Reused for every entry of one body.
 */
final class EntryDraft {
    final LogEntry.Builder entry = new LogEntry.Builder();
    boolean hasResponse;
    boolean hasSession;
    String apiId;
    int responseStatus;
    int sessionStatus;
    long sessionReceived;
    long sessionSent;

    EntryDraft() {
        reset();
    }

    void putExtraField(String name, String value) {
        if (entry.extraFields == null) {
            entry.extraFields = new HashMap<>(4);
        }
        entry.extraFields.put(name, value);
    }

    /**
     * The entry, once its object is closed: a stream session when it has a {@code session} and no {@code response}.
     *
     * @throws InvalidEntryException it has neither {@code response} nor {@code session}, or no status
     */
    LogEntry toEntry() throws InvalidEntryException {
        if (!hasResponse && !hasSession) {
            throw new InvalidEntryException("entry has neither response nor session");
        }
        boolean stream = !hasResponse;
        int status = stream ? sessionStatus : responseStatus;
        if (status == LogEntry.ABSENT) {
            throw new InvalidEntryException(stream ? "session.status is missing" : "response.status is missing");
        }
        entry.status(stream, status);
        if (entry.apiName == null) {
            entry.apiName = apiId;
        }
        if (stream) {
            entry.sizes(sessionReceived, sessionSent);
        }
        return entry.build();
    }

    void reset() {
        entry.reset();
        hasResponse = false;
        hasSession = false;
        apiId = null;
        responseStatus = LogEntry.ABSENT;
        sessionStatus = LogEntry.ABSENT;
        sessionReceived = LogEntry.ABSENT;
        sessionSent = LogEntry.ABSENT;
    }
}
