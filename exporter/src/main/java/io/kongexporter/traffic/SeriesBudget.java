package io.kongexporter.traffic;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The series one metric may hold ({@code metrics.max_series}); what does not fit is counted as overflow. */
final class SeriesBudget {
    private final String metric;
    private volatile int max;
    private final AtomicInteger used = new AtomicInteger();
    private final LongAdder overflows = new LongAdder();

    SeriesBudget(String metric, int max) {
        this.metric = metric;
        this.max = max;
    }

    /** Takes {@code n} series if they fit. */
    boolean tryTake(int n) {
        while (true) {
            int current = used.get();
            if (current + n > max) {
                return false;
            }
            if (used.compareAndSet(current, current + n)) {
                return true;
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
    }

    void release(int n) {
        used.addAndGet(-n);
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
