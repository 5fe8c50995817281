package io.kongexporter.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Request ids seen recently, so an entry Kong re-sends (after a timeout or a non-2xx, Kong 3.3+ re-sends the whole
 * batch for up to 60 s) is counted once. Ids are kept for {@code window} in {@value #BUCKETS} time buckets that
 * rotate: memory is fixed at construction ({@code maxIds} 64-bit fingerprints, 16 bytes each), whatever the rate.
 * A fingerprint of Kong's 128-bit id collides with another id in the window with a probability below n/2^64:
 * never in practice. When a bucket is full, further ids of that period are not remembered (they are counted and
 * the entries are kept: the exporter never drops a first delivery to make room).
 */
final class RecentIds {
    static final int BUCKETS = 6;

    private final long bucketMillis;
    private final Clock clock;
    private final long[][] tables;
    private final int[] sizes;
    private final int maxPerBucket;
    /** Slots per bucket table; a table is allocated when its bucket first remembers an id (fixed size from then on). */
    private final int capacity;
    private final long[] starts = new long[BUCKETS];
    private int current;
    private long full;

    RecentIds(Duration window, int maxIds, Clock clock) {
        this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
        this.clock = clock;
        this.maxPerBucket = Math.max(1, maxIds / BUCKETS);
        this.capacity = Integer.highestOneBit(Math.max(2, maxPerBucket * 2 - 1)) << 1;
        this.tables = new long[BUCKETS][];
        this.sizes = new int[BUCKETS];
        long now = clock.millis();
        for (int i = 0; i < BUCKETS; i++) {
            starts[i] = now - (long) i * bucketMillis;
        }
    }

    /** The entries whose id was not seen before in the window (all entries without an id are kept). */
    synchronized List<LogEntry> firstDeliveries(List<LogEntry> entries) {
        rotate(clock.millis());
        List<LogEntry> fresh = null;
        for (int i = 0; i < entries.size(); i++) {
            LogEntry entry = entries.get(i);
            long fingerprint = fingerprint(entry.requestId());
            boolean duplicate = fingerprint != 0 && !remember(fingerprint);
            if (duplicate && fresh == null) {
                fresh = new ArrayList<>(entries.subList(0, i));
            } else if (!duplicate && fresh != null) {
                fresh.add(entry);
            }
        }
        return fresh == null ? entries : fresh;
    }

    /** Ids remembered now. */
    synchronized int size() {
        int n = 0;
        for (int s : sizes) {
            n += s;
        }
        return n;
    }

    /** Ids not remembered because their bucket was full. */
    synchronized long full() {
        return full;
    }

    /** False when already seen; otherwise remembers it (if there is room) and returns true. */
    private boolean remember(long fingerprint) {
        for (int b = 0; b < BUCKETS; b++) {
            if (contains(b, fingerprint)) {
                return false;
            }
        }
        if (sizes[current] >= maxPerBucket) {
            full++;
            return true;
        }
        if (tables[current] == null) {
            tables[current] = new long[capacity];
        }
        long[] table = tables[current];
        int mask = table.length - 1;
        int slot = (int) mix(fingerprint) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = fingerprint;
        sizes[current]++;
        return true;
    }

    private boolean contains(int bucket, long fingerprint) {
        if (sizes[bucket] == 0) {
            return false;
        }
        long[] table = tables[bucket];
        int mask = table.length - 1;
        int slot = (int) mix(fingerprint) & mask;
        while (table[slot] != 0) {
            if (table[slot] == fingerprint) {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    /** Starts a new bucket (forgetting the oldest) for every bucket period that has passed. */
    private void rotate(long now) {
        int steps = 0;
        while (now - starts[current] >= bucketMillis && steps++ < BUCKETS) {
            int next = (current + 1) % BUCKETS;
            if (tables[next] != null) {
                java.util.Arrays.fill(tables[next], 0L);
            }
            sizes[next] = 0;
            starts[next] = starts[current] + bucketMillis;
            current = next;
        }
        if (now - starts[current] >= bucketMillis) {
            starts[current] = now;
        }
    }

    /** 64 bits of Kong's 32-hex request id (0 = no usable id). */
    static long fingerprint(String requestId) {
        if (requestId == null || requestId.isEmpty()) {
            return 0;
        }
        long hi = 0;
        long lo = 0;
        int n = requestId.length();
        for (int i = 0; i < n; i++) {
            int digit = Character.digit(requestId.charAt(i), 16);
            if (digit < 0) {
                long h = requestId.hashCode() * 0x9E3779B97F4A7C15L;
                return h == 0 ? 1 : h;
            }
            if (i < n / 2) {
                hi = hi * 16 + digit;
            } else {
                lo = lo * 16 + digit;
            }
        }
        long fingerprint = hi ^ Long.rotateLeft(lo, 29) ^ (lo * 0x9E3779B97F4A7C15L);
        return fingerprint == 0 ? 1 : fingerprint;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }
}
