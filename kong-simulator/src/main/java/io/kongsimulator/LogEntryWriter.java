package io.kongsimulator;

import static io.kongsimulator.EntryKeys.*;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.kongsimulator.TrafficSample.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@link TrafficSample}s as Kong 3.9's http-log plugin sends them: compact JSON with
 * {@code /} escaped as {@code \/} (lua-cjson), {@code balancer_start_ns} in exponent form, and every
 * field of the {@code entry-3.9-*} fixtures; about 2.5 KB for a proxied request with a consumer.
 * Keys come in alphabetical order (Kong's are unordered; the fixtures are sorted).
 *
 * <p>Built for load generation: the service, route and consumer objects are written once per
 * entity and copied afterwards, buffers are reused, and an entry takes a few microseconds. Not
 * thread-safe: one writer per thread.
 */
public final class LogEntryWriter {

    /** The workspace of the fixtures; entities' {@code ws_id} and the entry's {@code workspace}. */
    public static final String DEFAULT_WORKSPACE_ID = "8f2f1a6e-2b3c-4d8e-9a61-0c5b7e4d2f10";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final String workspaceId;
    private final EntityJson entities;
    private final EntryHeaders headers;
    private final EntryText text = new EntryText();

    /** A writer for the default workspace. */
    public LogEntryWriter() {
        this(DEFAULT_WORKSPACE_ID);
    }

    public LogEntryWriter(String workspaceId) {
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.entities = new EntityJson(FACTORY, workspaceId);
        this.headers = new EntryHeaders(text);
    }

    /** One entry as a JSON object, what Kong sends with {@code queue.max_batch_size} 1. */
    public byte[] write(TrafficSample sample) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(3072);
        write(sample, out);
        return out.toByteArray();
    }

    /** Appends one entry as a JSON object to {@code out}. */
    public void write(TrafficSample sample, ByteArrayOutputStream out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeEntry(g, sample);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
    }

    /** A batch as a JSON array, what Kong 3.3+ sends with {@code queue.max_batch_size} > 1 (even for one entry). */
    public byte[] writeBatch(List<TrafficSample> samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2600 * samples.size() + 2);
        writeBatch(samples, out);
        return out.toByteArray();
    }

    /** Appends a batch as a JSON array to {@code out}; reset {@code out} first to reuse it. */
    public void writeBatch(List<TrafficSample> samples, ByteArrayOutputStream out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartArray();
            for (TrafficSample sample : samples) {
                writeEntry(g, sample);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
    }

    private void writeEntry(JsonGenerator g, TrafficSample s) throws IOException {
        ConsumerEntity consumer = s.consumer();
        g.writeStartObject();
        if (consumer != null) {
            g.writeFieldName(AUTHENTICATED_ENTITY);
            g.writeStartObject();
            g.writeFieldName(ID);
            g.writeString(consumer.credentialId());
            g.writeEndObject();
        }
        g.writeFieldName(CLIENT_IP);
        g.writeString(s.request().clientIp());
        if (s.websocket()) {
            g.writeFieldName(CONNECTION_TYPE);
            g.writeString("websocket");
        }
        if (consumer != null) {
            g.writeFieldName(CONSUMER);
            g.writeRawValue(entities.of(consumer));
        }
        writeLatencies(g, s.latencies());
        writeRequest(g, s);
        writeResponse(g, s);
        if (s.route() != null) {
            g.writeFieldName(ROUTE);
            g.writeRawValue(entities.of(s.route()));
            g.writeFieldName(SERVICE);
            g.writeRawValue(entities.of(s.service()));
        }
        g.writeFieldName(SOURCE);
        g.writeString(s.source().value());
        g.writeFieldName(STARTED_AT);
        g.writeNumber(s.startedAt());
        if (s.route() != null) {
            writeTries(g, s);
        }
        if (s.websocket()) {
            g.writeFieldName(UPGRADE);
            g.writeString("websocket");
        }
        g.writeFieldName(UPSTREAM_STATUS);
        text.upstreamStatus(s);
        text.writeTo(g);
        g.writeFieldName(UPSTREAM_URI);
        text.upstreamUri(s);
        text.writeTo(g);
        g.writeFieldName(WORKSPACE);
        g.writeString(workspaceId);
        g.writeFieldName(WORKSPACE_NAME);
        g.writeString("default");
        g.writeEndObject();
    }

    private static void writeLatencies(JsonGenerator g, TrafficSample.Latencies latencies) throws IOException {
        g.writeFieldName(LATENCIES);
        g.writeStartObject();
        g.writeFieldName(KONG);
        g.writeNumber(latencies.kong());
        g.writeFieldName(PROXY);
        g.writeNumber(latencies.proxy());
        g.writeFieldName(RECEIVE);
        g.writeNumber(latencies.receive());
        g.writeFieldName(REQUEST);
        g.writeNumber(latencies.request());
        g.writeEndObject();
    }

    private void writeRequest(JsonGenerator g, TrafficSample s) throws IOException {
        TrafficSample.Request request = s.request();
        g.writeFieldName(REQUEST);
        g.writeStartObject();
        headers.writeRequest(g, s);
        g.writeFieldName(ID);
        g.writeString(request.id());
        g.writeFieldName(METHOD);
        g.writeString(request.method());
        g.writeFieldName(QUERYSTRING);
        QueryString.write(g, request.query());
        g.writeFieldName(SIZE);
        g.writeNumber(request.size());
        if (request.tls()) {
            g.writeFieldName(TLS);
            g.writeStartObject();
            boolean modern = request.id().charAt(0) != '0';
            g.writeFieldName(CIPHER);
            g.writeString(s.websocket() ? "TLS_AES_128_GCM_SHA256"
                    : modern ? "TLS_AES_256_GCM_SHA384" : "ECDHE-RSA-AES128-GCM-SHA256");
            g.writeFieldName(CLIENT_VERIFY);
            g.writeString("NONE");
            g.writeFieldName(VERSION);
            g.writeString(modern || s.websocket() ? "TLSv1.3" : "TLSv1.2");
            g.writeEndObject();
        }
        g.writeFieldName(URI);
        text.uri(request);
        text.writeTo(g);
        g.writeFieldName(URL);
        text.url(request);
        text.writeTo(g);
        g.writeEndObject();
    }

    private void writeResponse(JsonGenerator g, TrafficSample s) throws IOException {
        g.writeFieldName(RESPONSE);
        g.writeStartObject();
        headers.writeResponse(g, s);
        g.writeFieldName(SIZE);
        g.writeNumber(s.responseSize());
        g.writeFieldName(STATUS);
        g.writeNumber(s.status());
        g.writeEndObject();
    }

    /**
     * One try per balancer attempt, spread over the time Kong spent before proxying; failed ones
     * carry {@code state: "failed"} and their code. Targets rotate over the service's three.
     */
    private void writeTries(JsonGenerator g, TrafficSample s) throws IOException {
        g.writeFieldName(TRIES);
        g.writeStartArray();
        int tries = s.tries();
        int failed = s.source() == Source.KONG ? tries : tries - 1;
        String[] targets = entities.targets(s.service());
        int spread = Math.max(0, s.latencies().kong() - 1);
        long noise = s.request().id().hashCode() & 0x7fffffffL;
        for (int i = 0; i < tries; i++) {
            long startMillis = s.startedAt() + 1 + (long) spread * i / tries;
            long startNanos = startMillis * 1_000_000L + (noise + i * 7_919L) % 300_000L + i * 350_000L;
            g.writeStartObject();
            g.writeFieldName(BALANCER_LATENCY);
            g.writeNumber(0);
            g.writeFieldName(BALANCER_LATENCY_NS);
            g.writeNumber(14_000 + (noise >>> (i * 3)) % 32_000);
            g.writeFieldName(BALANCER_START);
            g.writeNumber(startMillis);
            g.writeFieldName(BALANCER_START_NS);
            text.luaNumber(startNanos);
            text.writeNumberTo(g);
            if (i < failed) {
                g.writeFieldName(CODE);
                g.writeNumber(s.failedTryCode());
            }
            g.writeFieldName(IP);
            g.writeString(targets[(int) ((noise + i) % targets.length)]);
            g.writeFieldName(PORT);
            g.writeNumber(s.service().port());
            if (i < failed) {
                g.writeFieldName(STATE);
                g.writeString("failed");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
