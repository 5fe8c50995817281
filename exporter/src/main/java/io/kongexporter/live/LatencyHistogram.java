package io.kongexporter.live;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Latencies of one second (or minute) for the live view: exact below 10 ms, then log buckets 5 % wide up to
 * ~3 hours; min, max and average exact. Fixed memory, lock-free to record.
 */
final class LatencyHistogram {
    static final int LINEAR = 10;
    static final double GROWTH = 1.05;
    static final int BUCKETS = LINEAR + 250;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAccumulator min = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator max = new LongAccumulator(Math::max, Long.MIN_VALUE);

    void record(double millis) {
        if (!(millis >= 0)) {
            return;
        }
        counts.incrementAndGet(bucket(millis));
        sum.add(millis);
        long rounded = Math.round(millis);
        min.accumulate(rounded);
        max.accumulate(rounded);
    }

    static int bucket(double millis) {
        if (millis < LINEAR) {
            return (int) millis;
        }
        return Math.min(BUCKETS - 1, LINEAR + (int) (Math.log(millis / LINEAR) / LOG_GROWTH));
    }

    /** The lower bound of a bucket, in ms. */
    static double lowerBound(int bucket) {
        return bucket < LINEAR ? bucket : LINEAR * Math.pow(GROWTH, bucket - LINEAR);
    }

    /** Adds another histogram's numbers into this one (minute aggregates are built from seconds). */
    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            long n = other.counts.get(i);
            if (n > 0) {
                counts.addAndGet(i, n);
            }
        }
        sum.add(other.sum.sum());
        min.accumulate(other.min.get());
        max.accumulate(other.max.get());
    }

    /** How many latencies fell in a bucket (for {@link WindowShare}). */
    long bucketCount(int bucket) {
        return counts.get(bucket);
    }

    double sum() {
        return sum.sum();
    }

    long min() {
        return min.get();
    }

    long max() {
        return max.get();
    }

    /** Adds what another replica's share says: bucket counts, then the exact sum, min and max ({@link WindowShare}). */
    void addBucket(int bucket, long n) {
        counts.addAndGet(bucket, n);
    }

    void addSummary(double total, long lowest, long highest) {
        sum.add(total);
        min.accumulate(lowest);
        max.accumulate(highest);
    }

    long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** min, avg, max, p50, p95, p99 in ms; null when nothing was recorded. */
    Stats stats() {
        long total = count();
        if (total == 0) {
            return null;
        }
        double lo = min.get();
        double hi = max.get();
        return new Stats(lo, sum.sum() / total, hi,
                clamp(percentile(0.50, total), lo, hi), clamp(percentile(0.95, total), lo, hi), clamp(percentile(0.99, total), lo, hi));
    }

    private double percentile(double q, long total) {
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i < LINEAR ? i : Math.round(lowerBound(i) * 10) / 10.0;
            }
        }
        return lowerBound(BUCKETS - 1);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Summary of one period's latencies, in ms. */
    record Stats(double min, double avg, double max, double p50, double p95, double p99) {}
}
