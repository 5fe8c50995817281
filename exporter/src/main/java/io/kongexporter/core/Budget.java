package io.kongexporter.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An amount that many threads take from and give back, never more than its capacity at once: the bytes of log bodies
 * in memory, the bytes stream connections' buffers grow by, the samples the traffic metrics expose. Taking is a
 * compare-and-set loop, so a refused take changes nothing.
 */
public final class Budget {
    private volatile long capacity;
    private final AtomicLong used = new AtomicLong();

    public Budget(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code n} if it fits. */
    public boolean tryTake(long n) {
        while (true) {
            long current = used.get();
            if (current + n > capacity) {
                return false;
            }
            if (used.compareAndSet(current, current + n)) {
                return true;
            }
        }
    }

    /** Takes {@code n} whether it fits or not (what must exist anyway, such as an {@code __overflow__} series). */
    public void force(long n) {
        used.addAndGet(n);
    }

    public void give(long n) {
        used.addAndGet(-n);
    }

    /** A lower capacity only stops new takes; what is held stays. */
    public void setCapacity(long capacity) {
        this.capacity = capacity;
    }

    public long used() {
        return used.get();
    }

    public long capacity() {
        return capacity;
    }
}
