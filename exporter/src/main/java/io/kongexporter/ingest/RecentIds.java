package io.kongexporter.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Request ids seen recently, so an entry Kong re-sends (after a timeout or a non-2xx, Kong 3.3+ re-sends the whole
 * batch for up to 60 s) is counted once. Every id accepted within {@code window} is remembered, up to {@code maxIds}
 * for the whole window whatever the rate; beyond that the oldest are forgotten first (and counted, see
 * {@link #full()}). Memory is fixed at construction, 24 to 40 bytes an id: a ring of 64-bit fingerprints in arrival
 * order, an open-addressing table of the same fingerprints, and at most a few hundred time marks into the ring. Nothing
 * is allocated per id. An id of any shape is fingerprinted with a 64-bit hash of all its characters, so two distinct
 * ids are taken for one with a probability near n/2^64. An id is forgotten between {@code window} and
 * {@code window + window/}{@value #SEGMENTS} after it arrived.
 */
final class RecentIds {
    /** Time marks per window: ids expire a segment (window/64) at a time. */
    static final int SEGMENTS = 64;
    /** Segments start at least window/64 (rounded down, at least 1 ms) apart, so fewer than 131 are ever live. */
    private static final int MARKS = 256;

    private final Clock clock;
    private final long windowMillis;
    private final long segmentMillis;
    private final long[] ring;
    private final long[] table;
    private final int mask;
    /** Sequence numbers: ids {@code [head, tail)} are remembered, id {@code s} sits at {@code ring[s % ring.length]}. */
    private long head;
    private long tail;
    /**
     * Time segments {@code [first, last]} (indices mod {@value #MARKS}): segment m holds the ids from {@code startSeq[m]}
     * to the next segment's start, which arrived from {@code startTime[m]} to {@code newest[m]} (less than a segment apart).
     */
    private final long[] startTime = new long[MARKS];
    private final long[] startSeq = new long[MARKS];
    private final long[] newest = new long[MARKS];
    private long first;
    private long last;
    private long forgottenEarly;

    RecentIds(Duration window, int maxIds, Clock clock) {
        this.clock = clock;
        this.windowMillis = Math.max(1, window.toMillis());
        this.segmentMillis = Math.max(1, windowMillis / SEGMENTS);
        this.ring = new long[Math.max(1, maxIds)];
        this.table = new long[Integer.highestOneBit(Math.max(2, ring.length * 2 - 1)) << 1];
        this.mask = table.length - 1;
        startTime[0] = clock.millis();
        newest[0] = startTime[0];
    }

    /** The entries whose id was not seen before in the window (all entries without an id are kept). */
    synchronized List<LogEntry> firstDeliveries(List<LogEntry> entries) {
        advance(clock.millis());
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
        return (int) (tail - head);
    }

    /** Ids forgotten before the end of their window because {@code maxIds} newer ones arrived after them. */
    synchronized long full() {
        return forgottenEarly;
    }

    /** False when already seen; otherwise remembers it (forgetting the oldest if there is no room) and returns true. */
    private boolean remember(long fingerprint) {
        int slot = (int) mix(fingerprint) & mask;
        while (table[slot] != 0) {
            if (table[slot] == fingerprint) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        if (tail - head == ring.length) {
            forget(ring[(int) (head++ % ring.length)]);
            forgottenEarly++;
            slot = (int) mix(fingerprint) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
        }
        table[slot] = fingerprint;
        ring[(int) (tail++ % ring.length)] = fingerprint;
        return true;
    }

    /** Removes a fingerprint from the table, shifting back the ones probed past it (no tombstones). */
    private void forget(long fingerprint) {
        int slot = (int) mix(fingerprint) & mask;
        while (table[slot] != fingerprint) {
            slot = (slot + 1) & mask;
        }
        int hole = slot;
        int next = (hole + 1) & mask;
        while (table[next] != 0) {
            int home = (int) mix(table[next]) & mask;
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                table[hole] = table[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        table[hole] = 0;
    }

    /** Forgets the ids of segments whose newest id is a window old, and starts a new segment when one has passed. */
    private void advance(long now) {
        while (now - newest[(int) (first % MARKS)] >= windowMillis) {
            long end = first < last ? startSeq[(int) ((first + 1) % MARKS)] : tail;
            while (head < end) {
                forget(ring[(int) (head++ % ring.length)]);
            }
            if (first == last) {
                startSegment(now);
                first = last;
                return;
            }
            first++;
        }
        if (now - startTime[(int) (last % MARKS)] >= segmentMillis) {
            startSegment(now);
        }
        int current = (int) (last % MARKS);
        newest[current] = Math.max(newest[current], now);
    }

    private void startSegment(long now) {
        last++;
        int m = (int) (last % MARKS);
        startTime[m] = now;
        newest[m] = now;
        startSeq[m] = tail;
    }

    /**
     * A 64-bit hash of every character of the id (0 = no usable id): Murmur3's 64-bit finalizer over a
     * multiply-and-rotate of four characters at a time, so any shape (32 hex digits, a UUID with dashes, base64,
     * numbers) spreads over all 64 bits.
     */
    static long fingerprint(String requestId) {
        if (requestId == null || requestId.isEmpty()) {
            return 0;
        }
        int n = requestId.length();
        long h = 0x9E3779B97F4A7C15L ^ n;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long block = requestId.charAt(i) | (long) requestId.charAt(i + 1) << 16
                    | (long) requestId.charAt(i + 2) << 32 | (long) requestId.charAt(i + 3) << 48;
            h = Long.rotateLeft(h ^ mix(block), 27) * 5 + 0x52dce729;
        }
        long rest = 0;
        for (int shift = 0; i < n; i++, shift += 16) {
            rest |= (long) requestId.charAt(i) << shift;
        }
        h = mix(h ^ mix(rest ^ 0x2545F4914F6CDD1DL));
        return h == 0 ? 1 : h;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }
}
