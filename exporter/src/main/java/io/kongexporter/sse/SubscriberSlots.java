package io.kongexporter.sse;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The one cap on live subscribers ({@code live.max_clients}), shared by {@code /events} and every {@code /stream}:
 * each subscriber holds a slot while connected. The limit is read at every connect, so a reload changes it.
 */
public final class SubscriberSlots {
    private final IntSupplier limit;
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    public SubscriberSlots(IntSupplier limit) {
        this.limit = limit;
    }

    /** Takes a slot, or returns false at the limit. */
    boolean take() {
        while (true) {
            int now = taken.get();
            if (now >= limit.getAsInt()) {
                return false;
            }
            if (taken.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void give() {
        taken.decrementAndGet();
    }

    /** A subscriber was disconnected because it could not keep up. */
    void dropped() {
        dropped.incrementAndGet();
    }

    /** Subscribers disconnected because they could not keep up, over all streams. */
    public long droppedTotal() {
        return dropped.get();
    }

    /** Subscribers connected now, over all streams. */
    public int taken() {
        return taken.get();
    }
}
