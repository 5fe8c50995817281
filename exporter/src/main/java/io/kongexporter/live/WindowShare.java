package io.kongexporter.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kongexporter.core.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * One replica's settled second as it goes over the live topic to the other replicas, and back into a
 * {@link TrafficWindow}: everything the page shows of a second (counts, latency histograms as sparse buckets with their
 * exact sum, min and max), the {@link #MAX_SERVICES} busiest services only. A second without traffic is a share too
 * (the replica says it is there). A few hundred bytes:
 * <pre>{@code
 * {"v":1,"replica":"host-a-1750156000123","ts":1750156700,
 *  "http":{"n":41,"c":[0,37,0,3,1],"s":39,"k":2,"k5":0,"i":9200,"e":81000},"upgraded":0,"streams":{...},
 *  "h":{"kong":{"b":[3,20,4,21],"sum":140.0,"min":3,"max":4},"upstream":{...},"request":{...},"upgraded":{...},"session":{...}},
 *  "services":{"orders":{"n":20,...,"kl":[7,20],"ul":[12,20]}}}
 * }</pre>
 * Reading trusts nothing: a share over {@link #MAX_BYTES}, not JSON, of another version, with a negative or huge
 * count, a bucket out of range or more than {@link #MAX_SERVICES} services is refused whole.
 */
final class WindowShare {
    static final int VERSION = 1;
    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_SERVICES = 50;
    static final int MAX_REPLICA_LENGTH = 200;
    static final int MAX_SERVICE_LENGTH = 512;
    private static final long MAX_COUNT = 1L << 40;
    private static final String[] HISTOGRAMS = {"kong", "upstream", "request", "upgraded", "session"};

    /** A share read from the topic; {@code window} null when the replica says it leaves (a graceful stop). */
    record Share(String replica, long second, TrafficWindow window) {
        boolean leaving() {
            return window == null;
        }
    }

    /** Why a share was refused. */
    static final class InvalidShare extends Exception {
        InvalidShare(String reason) {
            super(reason, null, false, false);
        }
    }

    private WindowShare() {}

    static byte[] write(String replica, TrafficWindow w) {
        ObjectNode share = Json.object().put("v", VERSION).put("replica", replica).put("ts", w.startSecond);
        share.set("http", counts(w.all, false));
        share.put("upgraded", w.upgraded.sum());
        share.set("streams", counts(w.streams, false));
        ObjectNode h = share.putObject("h");
        LatencyHistogram[] histograms = histograms(w);
        for (int i = 0; i < HISTOGRAMS.length; i++) {
            if (histograms[i].count() > 0) {
                h.set(HISTOGRAMS[i], histogram(histograms[i]));
            }
        }
        ObjectNode services = share.putObject("services");
        for (Map.Entry<String, TrafficWindow.Counts> e : TrafficPoint.ranked(w, MAX_SERVICES)) {
            services.set(e.getKey(), counts(e.getValue(), true));
        }
        return share.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** What a replica sends when it stops gracefully: {@code {"v":1,"replica":"...","left":true}}. */
    static byte[] leaving(String replica) {
        return Json.object().put("v", VERSION).put("replica", replica).put("left", true).toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static Share read(byte[] bytes) throws InvalidShare {
        if (bytes == null || bytes.length > MAX_BYTES) {
            throw new InvalidShare(bytes == null ? "empty" : "over " + MAX_BYTES + " bytes");
        }
        JsonNode share;
        try {
            share = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidShare("not JSON");
        }
        if (share == null || !share.isObject() || share.path("v").asInt() != VERSION) {
            throw new InvalidShare("not a version " + VERSION + " share");
        }
        String replica = share.path("replica").asText("");
        if (replica.isEmpty() || replica.length() > MAX_REPLICA_LENGTH) {
            throw new InvalidShare("replica id missing or too long");
        }
        if (share.path("left").asBoolean(false)) {
            return new Share(replica, -1, null);
        }
        TrafficWindow w = new TrafficWindow(count(share, "ts"));
        readCounts(share.path("http"), w.all, false);
        w.upgraded.add(count(share, "upgraded"));
        readCounts(share.path("streams"), w.streams, false);
        LatencyHistogram[] histograms = histograms(w);
        for (int i = 0; i < HISTOGRAMS.length; i++) {
            JsonNode h = share.path("h").path(HISTOGRAMS[i]);
            if (!h.isMissingNode()) {
                readHistogram(h, histograms[i]);
            }
        }
        JsonNode services = share.path("services");
        if (!services.isMissingNode() && (!services.isObject() || services.size() > MAX_SERVICES)) {
            throw new InvalidShare("services not an object of at most " + MAX_SERVICES);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().length() > MAX_SERVICE_LENGTH) {
                throw new InvalidShare("service name too long");
            }
            TrafficWindow.Counts counts = new TrafficWindow.Counts();
            readCounts(e.getValue(), counts, true);
            w.services.put(e.getKey(), counts);
        }
        return new Share(replica, w.startSecond, w);
    }

    private static LatencyHistogram[] histograms(TrafficWindow w) {
        return new LatencyHistogram[] {w.kong, w.upstream, w.request, w.upgradedDuration, w.sessionDuration};
    }

    private static ObjectNode counts(TrafficWindow.Counts c, boolean latencies) {
        ObjectNode out = Json.object().put("n", c.requests.sum());
        ArrayNode classes = out.putArray("c");
        for (var cls : c.byClass) {
            classes.add(cls.sum());
        }
        out.put("s", c.fromService.sum()).put("k", c.fromKong.sum()).put("k5", c.kong5xx.sum())
                .put("i", c.ingress.sum()).put("e", c.egress.sum());
        if (latencies) {
            out.set("kl", buckets(CoarseLatencies.BUCKETS, c.kongLatency::bucketCount));
            out.set("ul", buckets(CoarseLatencies.BUCKETS, c.upstreamLatency::bucketCount));
        }
        return out;
    }

    private static void readCounts(JsonNode in, TrafficWindow.Counts c, boolean latencies) throws InvalidShare {
        if (!in.isObject()) {
            throw new InvalidShare("counts missing");
        }
        c.requests.add(count(in, "n"));
        JsonNode classes = in.path("c");
        if (!classes.isArray() || classes.size() != c.byClass.length) {
            throw new InvalidShare("status classes not an array of " + c.byClass.length);
        }
        for (int i = 0; i < c.byClass.length; i++) {
            c.byClass[i].add(count(classes.get(i)));
        }
        c.fromService.add(count(in, "s"));
        c.fromKong.add(count(in, "k"));
        c.kong5xx.add(count(in, "k5"));
        c.ingress.add(count(in, "i"));
        c.egress.add(count(in, "e"));
        if (latencies) {
            readBuckets(in.path("kl"), CoarseLatencies.BUCKETS, c.kongLatency::addBucket);
            readBuckets(in.path("ul"), CoarseLatencies.BUCKETS, c.upstreamLatency::addBucket);
        }
    }

    private static ObjectNode histogram(LatencyHistogram h) {
        ObjectNode out = Json.object();
        out.set("b", buckets(LatencyHistogram.BUCKETS, h::bucketCount));
        return out.put("sum", h.sum()).put("min", h.min()).put("max", h.max());
    }

    private static void readHistogram(JsonNode in, LatencyHistogram h) throws InvalidShare {
        readBuckets(in.path("b"), LatencyHistogram.BUCKETS, h::addBucket);
        double sum = in.path("sum").asDouble(-1);
        if (!(sum >= 0 && sum < 1e18)) {
            throw new InvalidShare("latency sum out of range");
        }
        h.addSummary(sum, count(in, "min"), count(in, "max"));
    }

    /** Non-zero buckets as {@code [index, count, index, count, ...]}. */
    private static ArrayNode buckets(int size, java.util.function.IntToLongFunction count) {
        ArrayNode out = Json.array();
        for (int i = 0; i < size; i++) {
            long n = count.applyAsLong(i);
            if (n > 0) {
                out.add(i).add(n);
            }
        }
        return out;
    }

    private interface BucketAdder {
        void add(int bucket, long n);
    }

    private static void readBuckets(JsonNode in, int size, BucketAdder into) throws InvalidShare {
        if (!in.isArray() || in.size() % 2 != 0 || in.size() > 2 * size) {
            throw new InvalidShare("buckets not pairs of index and count");
        }
        for (int i = 0; i < in.size(); i += 2) {
            long bucket = count(in.get(i));
            if (bucket >= size) {
                throw new InvalidShare("bucket out of range");
            }
            into.add((int) bucket, count(in.get(i + 1)));
        }
    }

    private static long count(JsonNode parent, String field) throws InvalidShare {
        return count(parent.path(field));
    }

    /** A whole number from 0 to 2^40. */
    private static long count(JsonNode n) throws InvalidShare {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0 || n.asLong() > MAX_COUNT) {
            throw new InvalidShare("a count is not a whole number from 0 to 2^40");
        }
        return n.asLong();
    }
}
