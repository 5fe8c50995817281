package io.kongexporter.traffic;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The samples all traffic metrics may expose together ({@code metrics.max_samples}): what one scrape of them costs
 * Prometheus, lines of the text format. A counter series is one sample, a histogram series its buckets plus
 * {@code +Inf}, {@code _count} and {@code _sum}. Shared by every metric's {@link SeriesBudget}.
 */
final class SampleBudget {
    private volatile long max;
    private final AtomicLong used = new AtomicLong();

    SampleBudget(long max) {
        this.max = max;
    }

    boolean tryTake(long n) {
        while (true) {
            long current = used.get();
            if (current + n > max) {
                return false;
            }
            if (used.compareAndSet(current, current + n)) {
                return true;
            }
        }
    }

    void force(long n) {
        used.addAndGet(n);
    }

    void release(long n) {
        used.addAndGet(-n);
    }

    void setMax(long max) {
        this.max = max;
    }

    long used() {
        return used.get();
    }

    long max() {
        return max;
    }
}
