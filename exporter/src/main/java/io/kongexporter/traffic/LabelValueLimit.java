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
    private final int max;
    private final ConcurrentHashMap<String, long[]> lastUsed = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    LabelValueLimit(String label, int max) {
        this.label = label;
        this.max = max;
    }

    /** The value itself while there is room (or it is known), else {@value #OVERFLOW}. */
    String admit(String value, long nowMillis) {
        long[] seen = lastUsed.get(value);
        if (seen != null) {
            seen[0] = nowMillis;
            return value;
        }
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            return OVERFLOW;
        }
        long[] fresh = {nowMillis};
        if (lastUsed.putIfAbsent(value, fresh) != null) {
            size.decrementAndGet();
        }
        return value;
    }

    void forgetIdle(long olderThanMillis) {
        lastUsed.entrySet().removeIf(e -> {
            boolean idle = e.getValue()[0] < olderThanMillis;
            if (idle) {
                size.decrementAndGet();
            }
            return idle;
        });
    }

    String label() {
        return label;
    }
}
