package io.kongexporter.live;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies of one service in one second, small enough to keep per service: 64 buckets 25 % wide from 1 ms to about
 * 17 minutes (half a kilobyte), so a percentile is known to within a bucket. The page's Services table reads p95.
 */
final class CoarseLatencies {
    static final int BUCKETS = 64;
    private static final double LOG_GROWTH = Math.log(1.25);

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(double millis) {
        if (millis >= 0) {
            counts.incrementAndGet(bucket(millis));
        }
    }

    static int bucket(double millis) {
        return millis < 1 ? 0 : Math.min(BUCKETS - 1, 1 + (int) (Math.log(millis) / LOG_GROWTH));
    }

    /** The upper bound of a bucket, in ms: a percentile in that bucket is at most this. */
    static double upperBound(int bucket) {
        return bucket == 0 ? 1 : Math.pow(1.25, bucket);
    }

    long bucketCount(int bucket) {
        return counts.get(bucket);
    }

    void addBucket(int bucket, long n) {
        counts.addAndGet(bucket, n);
    }

    void add(CoarseLatencies other) {
        for (int i = 0; i < BUCKETS; i++) {
            long n = other.counts.get(i);
            if (n > 0) {
                counts.addAndGet(i, n);
            }
        }
    }

    /** The q-quantile's bucket bound in ms (rounded to 0.1), or null when nothing was recorded. */
    Double quantile(double q) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.round(upperBound(i) * 10) / 10.0;
            }
        }
        return upperBound(BUCKETS - 1);
    }
}
