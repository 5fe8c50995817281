package io.kongexporter.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fleet's seconds: every replica's share of each second ({@link WindowShare}, kept as the bytes received, at most
 * {@link #MAX_BYTES} in all), merged by second. A second is due {@link #DELAY_SECONDS} after this replica's own is
 * settled, so that the others' shares of it have come over the topic; a share that comes later revises it. Each
 * second says which replicas it holds and which are missing: a replica is expected from its first share on and
 * until it has been silent for {@link #FORGET_SECONDS} (a missing replica is shown as missing, never as less traffic);
 * a replica that says it leaves is no longer expected. At most {@link #MAX_REPLICAS} replicas are tracked (this
 * one's own shares are never refused, even past that, whatever the others sent).
 */
final class FleetSeconds implements SettledSeconds {
    static final long DELAY_SECONDS = 1;
    static final int MAX_REPLICAS = 32;
    static final long FORGET_SECONDS = 300;
    static final long MAX_BYTES = 16L << 20;
    /** Shares for seconds further ahead of this replica's clock are refused. */
    static final long MAX_AHEAD_SECONDS = 10;

    /** What became of a share. */
    enum Received {
        MERGED("merged"), OWN("own"), INVALID("invalid"), STALE("stale"), REFUSED("refused");

        final String label;

        Received(String label) {
            this.label = label;
        }
    }

    /** The seconds a replica's shares spanned. */
    private static final class Span {
        long first;
        long last;
        boolean left;

        Span(long second) {
            first = second;
            last = second;
        }
    }

    private final String self;
    private final TreeMap<Long, Map<String, byte[]>> shares = new TreeMap<>();
    private final Map<Long, TrafficWindow> merged = new HashMap<>();
    private final Map<String, Span> replicas = new HashMap<>();
    private final TreeSet<Long> revised = new TreeSet<>();
    private long bytes;
    private long publishedThrough;
    private long heldFrom;

    FleetSeconds(String self, long nowMillis) {
        this.self = self;
        this.publishedThrough = lastDue(nowMillis) - 1;
        this.heldFrom = HeldSeconds.heldFrom(nowMillis);
    }

    private static long lastDue(long nowMillis) {
        return HeldSeconds.lastDue(nowMillis) - DELAY_SECONDS;
    }

    /** A share of this replica ({@code fromTopic} false) or read from the topic (where this replica's own are skipped). */
    synchronized Received put(byte[] share, boolean fromTopic, long nowMillis) {
        WindowShare.Share read;
        try {
            read = WindowShare.read(share);
        } catch (WindowShare.InvalidShare e) {
            return Received.INVALID;
        }
        if (fromTopic && read.replica().equals(self)) {
            return Received.OWN;
        }
        if (read.leaving()) {
            Span span = replicas.get(read.replica());
            if (span != null) {
                span.left = true;
            }
            return Received.MERGED;
        }
        long second = read.second();
        if (second < heldFrom || second > nowMillis / 1000 + MAX_AHEAD_SECONDS) {
            return Received.STALE;
        }
        Span span = replicas.get(read.replica());
        byte[] before = shares.getOrDefault(second, Map.of()).get(read.replica());
        boolean own = read.replica().equals(self); // never refused: the caps bound what the others make this replica hold
        if (!own && ((span == null && replicas.size() >= MAX_REPLICAS) || bytes - (before == null ? 0 : before.length) + share.length > MAX_BYTES)) {
            return Received.REFUSED;
        }
        if (span == null) {
            span = new Span(second);
            replicas.put(read.replica(), span);
        }
        span.first = Math.min(span.first, second);
        span.last = Math.max(span.last, second);
        span.left = false;
        shares.computeIfAbsent(second, s -> new HashMap<>()).put(read.replica(), share);
        bytes += share.length - (before == null ? 0 : before.length);
        merged.remove(second);
        if (second <= publishedThrough) {
            revised.add(second);
        }
        return Received.MERGED;
    }

    @Override
    public synchronized List<TrafficWindow> due(long nowMillis) {
        long from = publishedThrough + 1;
        long to = lastDue(nowMillis);
        publishedThrough = Math.max(publishedThrough, to);
        List<TrafficWindow> due = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            TrafficWindow w = merged(s);
            if (!w.isEmpty() || !missing(s).isEmpty()) {
                due.add(w);
            }
        }
        return due;
    }

    @Override
    public synchronized List<TrafficWindow> revised() {
        List<TrafficWindow> out = new ArrayList<>();
        for (Long s : revised) {
            out.add(merged(s));
        }
        revised.clear();
        return out;
    }

    @Override
    public synchronized TrafficWindow fold(long from, int length) {
        TrafficWindow sum = new TrafficWindow(from);
        for (long s = from; s < from + length; s++) {
            if (shares.containsKey(s)) {
                sum.add(merged(s));
            }
        }
        return sum;
    }

    @Override
    public synchronized long publishedThrough() {
        return publishedThrough;
    }

    @Override
    public synchronized void release(long nowMillis) {
        heldFrom = HeldSeconds.heldFrom(nowMillis);
        while (!shares.isEmpty() && shares.firstKey() < heldFrom) {
            shares.pollFirstEntry().getValue().values().forEach(b -> bytes -= b.length);
        }
        merged.keySet().removeIf(s -> s < heldFrom);
        long now = nowMillis / 1000;
        replicas.values().removeIf(span -> now - span.last > FORGET_SECONDS || (span.left && span.last < heldFrom));
    }

    /** {@code {"seen": [ids], "missing": [ids]}} of a second, sorted. */
    synchronized ObjectNode replicas(long second) {
        ObjectNode out = io.kongexporter.core.Json.object();
        ArrayNode seen = out.putArray("seen");
        new TreeSet<>(shares.getOrDefault(second, Map.of()).keySet()).forEach(seen::add);
        ArrayNode missing = out.putArray("missing");
        missing(second).forEach(missing::add);
        return out;
    }

    private List<String> missing(long second) {
        Map<String, byte[]> seen = shares.getOrDefault(second, Map.of());
        List<String> missing = new ArrayList<>();
        replicas.forEach((replica, span) -> {
            if (!seen.containsKey(replica) && span.first <= second && !(span.left && second > span.last)
                    && second - span.last <= FORGET_SECONDS) {
                missing.add(replica);
            }
        });
        missing.sort(null);
        return missing;
    }

    private TrafficWindow merged(long second) {
        return merged.computeIfAbsent(second, s -> {
            TrafficWindow sum = new TrafficWindow(s);
            for (byte[] share : shares.getOrDefault(s, Map.of()).values()) {
                try {
                    sum.add(WindowShare.read(share).window());
                } catch (WindowShare.InvalidShare e) {
                    throw new IllegalStateException("a share read once fails again", e);
                }
            }
            return sum;
        });
    }
}
