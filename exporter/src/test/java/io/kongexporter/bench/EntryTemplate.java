package io.kongexporter.bench;

import io.kongfixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Kong 3.9 http-log entries (the {@code entry-3.9-proxied-200-consumer} fixture in Kong's wire encoding) with their
 * service, route, consumer, status and request id replaced, rendered by walking precomputed segments so a load
 * generator spends little on each entry. Names must need no JSON escaping.
 */
final class EntryTemplate {
    private static final String FIXTURE_ID = "7d2a1c9f4b6e8a3d5c0f1e2b4a6c8d0e";
    private static final char SLOT = '\u0001';
    private final List<String> literals = new ArrayList<>();
    private final List<Character> slots = new ArrayList<>();

    EntryTemplate() {
        String wire = new String(Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json"), StandardCharsets.UTF_8).trim();
        String marked = replaceOnce(wire, "\"name\":\"orders-api\"", "\"name\":\"" + SLOT + "S\"");
        marked = replaceOnce(marked, "\"name\":\"orders-route\"", "\"name\":\"" + SLOT + "R\"");
        marked = replaceOnce(marked, "\"username\":\"mobile-app\"", "\"username\":\"" + SLOT + "C\"");
        marked = replaceOnce(marked, "\"status\":200", "\"status\":" + SLOT + "T");
        marked = marked.replace(FIXTURE_ID, SLOT + "I"); // request.id and the X-Kong-Request-Id header
        int from = 0;
        for (int at = marked.indexOf(SLOT); at >= 0; at = marked.indexOf(SLOT, from)) {
            literals.add(marked.substring(from, at));
            slots.add(marked.charAt(at + 1));
            from = at + 2;
        }
        literals.add(marked.substring(from));
    }

    /** Appends one entry to {@code out}. */
    void render(StringBuilder out, String service, String route, String consumer, int status, String requestId) {
        for (int i = 0; i < slots.size(); i++) {
            out.append(literals.get(i));
            switch (slots.get(i)) {
                case 'S' -> out.append(service);
                case 'R' -> out.append(route);
                case 'C' -> out.append(consumer);
                case 'T' -> out.append(status);
                default -> out.append(requestId);
            }
        }
        out.append(literals.get(slots.size()));
    }

    /** A 32-hex request id, unique per {@code (prefix, counter)}: each sender has its own first hex digit. */
    static String requestId(char prefix, long counter) {
        String hex = Long.toHexString(counter);
        return prefix + "0".repeat(31 - hex.length()) + hex;
    }

    private static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        if (at < 0 || text.indexOf(target, at + 1) >= 0) {
            throw new IllegalStateException("the fixture no longer holds exactly one " + target);
        }
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }
}
