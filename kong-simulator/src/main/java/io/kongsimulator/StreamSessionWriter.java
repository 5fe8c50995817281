package io.kongsimulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/**
 * Kong stream-subsystem (tcp) session entries, the shape of the fixture {@code entry-3.9-stream-tcp-session.json}:
 * a PostgreSQL route proxied through Kong, with session sizes and a lognormal session duration.
 */
final class StreamSessionWriter {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String WORKSPACE = LogEntryWriter.DEFAULT_WORKSPACE_ID;

    private final SplittableRandom random;

    StreamSessionWriter(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A JSON array of {@code count} session entries ending around {@code nowMillis}. */
    byte[] batch(int count, long nowMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 * count);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartArray();
            for (int i = 0; i < count; i++) {
                write(g, nowMillis);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private void write(JsonGenerator g, long now) throws IOException {
        long session = Math.round(Math.exp(8 + random.nextGaussian()));
        boolean refused = random.nextInt(50) == 0;
        long sent = refused ? 0 : 512 + random.nextLong(256 * 1024);
        long received = refused ? 0 : 256 + random.nextLong(16 * 1024);
        g.writeStartObject();
        g.writeStringField("client_ip", "10.0.14." + random.nextInt(2, 250));
        g.writeObjectFieldStart("latencies");
        g.writeNumberField("kong", random.nextInt(0, 3));
        g.writeNumberField("session", refused ? 0 : session);
        g.writeEndObject();
        g.writeObjectFieldStart("route");
        g.writeStringField("id", "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d");
        g.writeStringField("name", "postgres-tcp-route");
        g.writeArrayFieldStart("protocols");
        g.writeString("tcp");
        g.writeEndArray();
        g.writeStringField("ws_id", WORKSPACE);
        g.writeEndObject();
        g.writeObjectFieldStart("service");
        g.writeStringField("id", "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9");
        g.writeStringField("name", "postgres-tcp");
        g.writeStringField("host", "pg-primary.internal.svc");
        g.writeNumberField("port", 5432);
        g.writeStringField("protocol", "tcp");
        g.writeStringField("ws_id", WORKSPACE);
        g.writeEndObject();
        g.writeObjectFieldStart("session");
        g.writeNumberField("received", received);
        g.writeNumberField("sent", sent);
        g.writeNumberField("server_port", 5432);
        g.writeNumberField("status", refused ? 502 : 200);
        g.writeEndObject();
        g.writeNumberField("started_at", now - session);
        g.writeArrayFieldStart("tries");
        g.writeStartObject();
        g.writeStringField("ip", "10.42.3.8");
        g.writeNumberField("port", 5432);
        g.writeEndObject();
        g.writeEndArray();
        g.writeObjectFieldStart("upstream");
        g.writeNumberField("received", sent);
        g.writeNumberField("sent", received);
        g.writeEndObject();
        g.writeStringField("workspace", WORKSPACE);
        g.writeStringField("workspace_name", "default");
        g.writeEndObject();
    }
}
