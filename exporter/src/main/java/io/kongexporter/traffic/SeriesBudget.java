package io.kongexporter.traffic;

import io.kongexporter.core.Budget;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The series one metric may hold ({@code metrics.max_series}), each also taking its samples from the budget all
 * traffic metrics share ({@code metrics.max_samples}); what does not fit either is counted as overflow.
 */
final class SeriesBudget {
    private final String metric;
    private final int samplesPerSeries;
    private final Budget samples;
    private volatile int max;
    private final AtomicInteger used = new AtomicInteger();
    private final LongAdder overflows = new LongAdder();

    SeriesBudget(String metric, int max, int samplesPerSeries, Budget samples) {
        this.metric = metric;
        this.max = max;
        this.samplesPerSeries = samplesPerSeries;
        this.samples = samples;
    }

    /** Takes {@code n} series (and their samples) if they fit. */
    boolean tryTake(int n) {
        while (true) {
            int current = used.get();
            if (current + n > max) {
                return false;
            }
            if (used.compareAndSet(current, current + n)) {
                if (samples.tryTake((long) n * samplesPerSeries)) {
                    return true;
                }
                used.addAndGet(-n);
                return false;
            }
        }
    }

    /** Counts a record into a series with an {@code __overflow__} value. */
    void countOverflow() {
        overflows.increment();
    }

    /** Takes series that must exist whatever the budget (the overflow series themselves). */
    void force(int n) {
        used.addAndGet(n);
        samples.force((long) n * samplesPerSeries);
    }

    void release(int n) {
        used.addAndGet(-n);
        samples.give((long) n * samplesPerSeries);
    }

    void setMax(int max) {
        this.max = max;
    }

    String metric() {
        return metric;
    }

    int used() {
        return used.get();
    }

    long overflows() {
        return overflows.sum();
    }
}
