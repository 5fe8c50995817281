package io.kongexporter.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** HTTP answers counted by status code, printed as {@code 200×12 503×4}. */
final class StatusCounts {
    private final ConcurrentHashMap<Integer, LongAdder> counts = new ConcurrentHashMap<>();

    void add(int status) {
        counts.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    long get(int status) {
        LongAdder count = counts.get(status);
        return count == null ? 0 : count.sum();
    }

    @Override
    public String toString() {
        Map<Integer, Long> sorted = new TreeMap<>();
        counts.forEach((status, count) -> sorted.put(status, count.sum()));
        if (sorted.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach((status, count) -> out.append(out.length() == 0 ? "" : " ").append(status).append('×').append(count));
        return out.toString();
    }
}
