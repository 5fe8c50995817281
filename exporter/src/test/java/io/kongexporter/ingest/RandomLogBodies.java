package io.kongexporter.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Generators for the property tests of the log endpoint: http-log entries whose fields have random types and
 * values (the fields {@link EntryReader} reads, and others), batches of them in every body form the parser
 * accepts, and random damage to such bodies. Seeded, so a failure names the seed that reproduces it.
 */
final class RandomLogBodies {
    private static final String[] FIELDS = {"request", "response", "session", "latencies", "service", "route", "api",
        "consumer", "tries", "source", "upstream_status", "workspace_name", "started_at", "client_ip", "connection_type"};
    private static final String[] INNER = {"id", "status", "size", "name", "host", "kong", "proxy", "request", "receive",
        "username", "custom_id", "received", "sent", "headers", "uri"};

    private final SplittableRandom random;

    RandomLogBodies(long seed) {
        this.random = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A body of {@code n} entries: one object, a JSON array, or NDJSON (objects one after another). */
    byte[] batch(int n) {
        StringBuilder body = new StringBuilder();
        int form = n == 1 ? random.nextInt(3) : 1 + random.nextInt(2);
        if (form == 1) {
            body.append('[');
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                body.append(form == 1 ? "," : "\n");
            }
            entry(body);
        }
        if (form == 1) {
            body.append(']');
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Random bytes, of a random length up to {@code max}. */
    byte[] bytes(int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The body with one to four kinds of damage: truncated, bytes flipped, random bytes inserted, a slice repeated. */
    byte[] damaged(byte[] body) {
        byte[] out = body;
        for (int d = 0, n = 1 + random.nextInt(4); d < n && out.length > 0; d++) {
            int at = random.nextInt(out.length);
            ByteArrayOutputStream next = new ByteArrayOutputStream();
            switch (random.nextInt(4)) {
                case 0 -> next.write(out, 0, at);
                case 1 -> {
                    next.write(out, 0, out.length);
                    byte[] flipped = next.toByteArray();
                    flipped[at] = (byte) random.nextInt(256);
                    out = flipped;
                    continue;
                }
                case 2 -> {
                    next.write(out, 0, at);
                    next.writeBytes(bytes(8));
                    next.write(out, at, out.length - at);
                }
                default -> {
                    int len = random.nextInt(out.length - at) + 1;
                    next.write(out, 0, at + len);
                    next.write(out, at, out.length - at);
                }
            }
            out = next.toByteArray();
        }
        return out;
    }

    private void entry(StringBuilder out) {
        out.append('{');
        int fields = random.nextInt(FIELDS.length + 1);
        boolean first = true;
        for (int i = 0; i < fields; i++) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(FIELDS[random.nextInt(FIELDS.length)]).append("\":");
            if (random.nextInt(3) > 0) {
                object(out, 0);
            } else {
                value(out, 0);
            }
        }
        out.append('}');
    }

    private void object(StringBuilder out, int depth) {
        out.append('{');
        for (int i = 0, n = random.nextInt(5); i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(INNER[random.nextInt(INNER.length)]).append("\":");
            value(out, depth + 1);
        }
        out.append('}');
    }

    private void value(StringBuilder out, int depth) {
        switch (random.nextInt(depth > 3 ? 7 : 9)) {
            case 0 -> out.append(random.nextInt(600));
            case 1 -> out.append(random.nextLong());
            case 2 -> out.append(random.nextDouble() * 1e6 - 1e3);
            case 3 -> out.append(random.nextBoolean());
            case 4 -> out.append("null");
            case 5 -> string(out);
            case 6 -> out.append(random.nextBoolean() ? "1e400" : "-0.0");
            case 7 -> object(out, depth + 1);
            default -> {
                out.append('[');
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    value(out, depth + 1);
                }
                out.append(']');
            }
        }
    }

    private void string(StringBuilder out) {
        out.append('"');
        for (int i = 0, n = random.nextInt(40); i < n; i++) {
            int c = switch (random.nextInt(6)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0xa0 + random.nextInt(0x2000);
                case 2 -> 0x1F600 + random.nextInt(0x40);
                case 3 -> 'a' + random.nextInt(26);
                case 4 -> '0' + random.nextInt(10);
                default -> -1;
            };
            if (c < 0) {
                out.append(random.nextBoolean() ? "\\n" : "\\u00e9");
            } else if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else {
                out.appendCodePoint(c);
            }
        }
        out.append('"');
    }
}
