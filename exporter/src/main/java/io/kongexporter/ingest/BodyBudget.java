package io.kongexporter.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of request bodies the receiver may hold in memory at once, charged as the bytes arrive (never by the length a
 * request declares). When a new body does not fit, the exporter is
 * overloaded: it answers 503 and Kong backs off and re-sends, instead of the heap growing with the number of
 * concurrent senders.
 */
final class BodyBudget {
    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    boolean tryTake(long bytes) {
        while (true) {
            long current = used.get();
            if (current + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void give(long bytes) {
        used.addAndGet(-bytes);
    }
}
