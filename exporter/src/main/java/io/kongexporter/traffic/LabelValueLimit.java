package io.kongexporter.traffic;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the distinct values one label (service, route, consumer, an extra label) may take
 * ({@code metrics.max_label_values}): past the bound, new values become {@value #OVERFLOW}. Values unused for
 * longer than the series TTL are forgotten, which makes room again. The caller counts the overflow against
 * the metric it was recording.
 */
final class LabelValueLimit {
    static final String OVERFLOW = "__overflow__";

    private final String label;
    private volatile int max;
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

    LabelValueLimit(String label, int max) {
        this.label = label;
        this.max = max;
    }

    /** The canonical instance of the value while there is room (or it is known), else {@value #OVERFLOW}. */
    String admit(String value, long nowMillis) {
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

    void setMax(int max) {
        this.max = max;
    }

    String label() {
        return label;
    }
}
