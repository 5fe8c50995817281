package io.kongexporter.traffic;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds one label whose values come from entries (service, route, workspace, consumer, an extra label): every value
 * is admitted here, so this is the one place values are capped. A value longer than {@code metrics.max_label_length}
 * bytes of UTF-8 is cut on a character boundary and ends with {@value #TRUNCATED}, within the limit, and counted;
 * past {@code metrics.max_label_values} distinct values, new values become {@value #OVERFLOW}. Values unused for
 * longer than the series TTL are forgotten, which makes room again.
 */
final class LabelValueLimit {
    static final String OVERFLOW = "__overflow__";
    static final String TRUNCATED = "…[truncated]";
    private static final int TRUNCATED_BYTES = TRUNCATED.getBytes(StandardCharsets.UTF_8).length;
    /** A UTF-16 char is at most 3 bytes of UTF-8 (a surrogate pair, 2 chars, is 4). */
    private static final int MAX_BYTES_PER_CHAR = 3;

    private final String label;
    private volatile int max;
    private volatile int maxBytes;
    private final LongAdder truncations = new LongAdder();
    /** A known value: its canonical instance (so series keys compare by identity) and when it was last used. */
    private static final class Known {
        final String value;
        long lastUsed;

        Known(String value, long lastUsed) {
            this.value = value;
            this.lastUsed = lastUsed;
        }
    }

    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    LabelValueLimit(String label, int max, int maxBytes) {
        this.label = label;
        this.max = max;
        this.maxBytes = maxBytes;
    }

    /** The canonical instance of the (capped) value while there is room (or it is known), else {@value #OVERFLOW}. */
    String admit(String raw, long nowMillis) {
        String value = raw.length() * MAX_BYTES_PER_CHAR <= maxBytes ? raw : capped(raw);
        Known seen = known.get(value);
        if (seen != null) {
            if (seen.lastUsed < nowMillis) {
                seen.lastUsed = nowMillis;
            }
            return seen.value;
        }
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            return OVERFLOW;
        }
        Known raced = known.putIfAbsent(value, new Known(value, nowMillis));
        if (raced != null) {
            size.decrementAndGet();
            return raced.value;
        }
        return value;
    }

    void forgetIdle(long olderThanMillis) {
        known.entrySet().removeIf(e -> {
            boolean idle = e.getValue().lastUsed < olderThanMillis;
            if (idle) {
                size.decrementAndGet();
            }
            return idle;
        });
    }

    /** The value itself when it fits {@code maxBytes} of UTF-8, else its longest prefix that fits with the marker. */
    private String capped(String value) {
        int limit = maxBytes;
        int bytes = 0;
        int cut = -1;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (cut < 0 && bytes + size > limit - TRUNCATED_BYTES) {
                cut = i;
            }
            bytes += size;
            if (bytes > limit) {
                truncations.increment();
                return value.substring(0, cut) + TRUNCATED;
            }
            i += Character.charCount(cp);
        }
        return value;
    }

    void setMax(int max) {
        this.max = max;
    }

    void setMaxBytes(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    long truncations() {
        return truncations.sum();
    }

    String label() {
        return label;
    }
}
