package io.kongexporter.sockets;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all stream connections (tcp-log, syslog over TCP) may hold beyond their small initial buffers, together.
 * Each connection may grow to its frame limit, but a thousand connections each sending most of a 256 KiB line
 * without its newline would otherwise hold 256 MiB: past this budget a growing connection is closed instead and its
 * frame counted {@code too_large}, and the listeners and the rest of the exporter keep their memory.
 */
final class GrowthBudget {
    /** Shared by every listener of the process. */
    static final GrowthBudget SHARED = new GrowthBudget(64L << 20);

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    GrowthBudget(long capacity) {
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

    long used() {
        return used.get();
    }

    long capacity() {
        return capacity;
    }
}
