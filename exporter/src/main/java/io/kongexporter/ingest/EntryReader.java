package io.kongexporter.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one http-log entry object, field by field, into a {@link LogEntry}. Only the fields the
 * metrics need are read; everything else is skipped token by token, never materialised.
 *
 * <p>Keeps the entry being read in an {@link EntryDraft}, so one instance serves one body at a time.
 */
final class EntryReader {

    private final Set<String> extraFieldAllowlist;
    private final EntryDraft draft = new EntryDraft();
    private final LogEntry.Builder entry = draft.entry;
    private final AiReader aiReader = new AiReader();

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
        draft.reset();
        int entryDepth = p.getParsingContext().getNestingDepth();
        try {
            readTopLevel(p);
        } catch (InvalidEntryException e) {
            skipRestOfEntry(p, entryDepth);
            throw e;
        }
        return draft.toEntry();
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
                case "tries" -> entry.tries = countTries(p);
                case "source" -> entry.source = JsonValues.text(p, "source");
                case "upstream_status" -> entry.upstreamStatus = JsonValues.text(p, "upstream_status");
                case "workspace_name" -> entry.workspaceName = JsonValues.text(p, "workspace_name");
                case "started_at" -> entry.startedAt = JsonValues.wholeNumber(p, "started_at");
                case "ai" -> entry.ai = aiReader.read(p);
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
                case "size" -> entry.requestSize = JsonValues.wholeNumber(p, "request.size");
                case "id" -> entry.requestId = JsonValues.text(p, "request.id");
                case "headers" -> readRequestHeaders(p);
                default -> JsonValues.skip(p);
            }
        }
    }

    /** Only {@code upgrade} and {@code connection} are looked at: did the client ask for a WebSocket? */
    private void readRequestHeaders(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "request.headers")) {
            return;
        }
        boolean websocket = false;
        boolean upgrade = false;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "upgrade" -> websocket = headerContains(p, "websocket");
                case "connection" -> upgrade = headerContains(p, "upgrade");
                default -> JsonValues.skip(p);
            }
        }
        entry.upgradeRequested = websocket && upgrade;
    }

    /** A header's value (a string, or an array of strings when repeated) contains {@code token}, ignoring case. */
    private static boolean headerContains(JsonParser p, String token) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return JsonValues.string(p).toLowerCase(Locale.ROOT).contains(token);
        }
        boolean found = false;
        if (t == JsonToken.START_ARRAY) {
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new JsonEOFException(p, null, "Unexpected end-of-input inside request.headers");
                }
                found |= t == JsonToken.VALUE_STRING && JsonValues.string(p).toLowerCase(Locale.ROOT).contains(token);
                JsonValues.skip(p);
            }
            return found;
        }
        JsonValues.skip(p);
        return false;
    }

    private void readResponse(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "response")) {
            return;
        }
        draft.hasResponse = true;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "status" -> draft.responseStatus = JsonValues.status(p, "response.status");
                case "size" -> entry.responseSize = JsonValues.wholeNumber(p, "response.size");
                default -> JsonValues.skip(p);
            }
        }
    }

    private void readSession(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "session")) {
            return;
        }
        draft.hasSession = true;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "status" -> draft.sessionStatus = JsonValues.status(p, "session.status");
                case "received" -> draft.sessionReceived = JsonValues.wholeNumber(p, "session.received");
                case "sent" -> draft.sessionSent = JsonValues.wholeNumber(p, "session.sent");
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
                case "kong" -> entry.latencyKong = JsonValues.number(p, "latencies.kong");
                case "proxy" -> entry.latencyProxy = JsonValues.number(p, "latencies.proxy");
                case "request" -> entry.latencyRequest = JsonValues.number(p, "latencies.request");
                case "receive" -> entry.latencyReceive = JsonValues.number(p, "latencies.receive");
                case "session" -> entry.latencySession = JsonValues.number(p, "latencies.session");
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
                case "name" -> entry.serviceName = JsonValues.text(p, "service.name");
                case "host" -> entry.serviceHost = JsonValues.text(p, "service.host");
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
                case "name" -> entry.routeName = JsonValues.text(p, "route.name");
                case "id" -> entry.routeId = JsonValues.text(p, "route.id");
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
                case "name" -> entry.apiName = JsonValues.text(p, "api.name");
                case "id" -> draft.apiId = JsonValues.text(p, "api.id");
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
                case "username" -> entry.consumerUsername = JsonValues.text(p, "consumer.username");
                case "custom_id" -> entry.consumerCustomId = JsonValues.text(p, "consumer.custom_id");
                case "id" -> entry.consumerId = JsonValues.text(p, "consumer.id");
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
            return LogEntry.ABSENT;
        }
        throw new InvalidEntryException("tries is " + JsonValues.describe(t));
    }

    /** An allowlisted scalar is kept as text; anything else (objects, arrays, null) is skipped. */
    private void readOther(JsonParser p, String name) throws IOException {
        JsonToken t = p.currentToken();
        if (t.isScalarValue() && t != JsonToken.VALUE_NULL && extraFieldAllowlist.contains(name)) {
            draft.putExtraField(name, t == JsonToken.VALUE_STRING ? JsonValues.string(p) : p.getText());
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
}
