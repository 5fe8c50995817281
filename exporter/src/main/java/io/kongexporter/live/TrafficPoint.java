package io.kongexporter.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kongexporter.core.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A traffic window as the live stream and {@code /api/history} send it:
 * <pre>{@code
 * {"ts": 1750156700, "requests": 41, "byClass": {"1xx": 1, "2xx": 37, ...}, "bySource": {"service": 39, "kong": 2},
 *  "errors5xx": {"service": 1, "kong": 0}, "bandwidth": {"ingress": 9200, "egress": 81000},
 *  "latency": {"kong": {min, avg, max, p50, p95, p99}, "upstream": {...}, "request": {...}},
 *  "upgraded": {"connections": 1, "duration": {...}},
 *  "streams": {"sessions": 3, "byClass": {...}, "bandwidth": {...}, "duration": {...}},
 *  "topServices": [{"service": "orders", "requests": 20, "errors5xx": 1}, ...]}
 * }</pre>
 * {@code requests} and the latencies are HTTP only; upgraded (WebSocket) connections are among the requests but their
 * lifetimes are in {@code upgraded.duration}; stream sessions are only in {@code streams}.
 */
final class TrafficPoint {
    static final int TOP_SERVICES = 10;

    private TrafficPoint() {}

    static ObjectNode of(TrafficWindow w, long ts) {
        ObjectNode point = Json.object().put("ts", ts);
        counts(point, w.all);
        ObjectNode latency = point.putObject("latency");
        stats(latency, "kong", w.kong.stats());
        stats(latency, "upstream", w.upstream.stats());
        stats(latency, "request", w.request.stats());
        ObjectNode upgraded = point.putObject("upgraded").put("connections", w.upgraded.sum());
        stats(upgraded, "duration", w.upgradedDuration.stats());
        ObjectNode streams = point.putObject("streams").put("sessions", w.streams.requests.sum());
        classes(streams, w.streams);
        streams.putObject("bandwidth").put("ingress", w.streams.ingress.sum()).put("egress", w.streams.egress.sum());
        stats(streams, "duration", w.sessionDuration.stats());
        ArrayNode top = point.putArray("topServices");
        for (Map.Entry<String, TrafficWindow.Counts> e : ranked(w, TOP_SERVICES)) {
            top.addObject().put("service", e.getKey()).put("requests", e.getValue().requests.sum())
                    .put("errors5xx", e.getValue().byClass[4].sum());
        }
        return point;
    }

    /**
     * One service's second, for subscribers of {@code ?service=}: its counts, its Kong and upstream latency quantiles
     * (to within a 25 % bucket; no request latency per service) and the same over the rolling minute up to it.
     */
    static ObjectNode ofService(long ts, String service, TrafficWindow.Counts counts, TrafficWindow.Counts minute, int seconds) {
        ObjectNode one = Json.object().put("ts", ts).put("service", service);
        counts(one, counts);
        coarseLatency(one, counts);
        ObjectNode rolling = one.putObject("rolling").put("seconds", seconds);
        counts(rolling, minute);
        coarseLatency(rolling, minute);
        return one;
    }

    private static void coarseLatency(ObjectNode target, TrafficWindow.Counts c) {
        ObjectNode latency = target.putObject("latency");
        for (String kind : new String[] {"kong", "upstream"}) {
            CoarseLatencies l = kind.equals("kong") ? c.kongLatency : c.upstreamLatency;
            Double p50 = l.quantile(0.5);
            if (p50 == null) {
                latency.putNull(kind);
            } else {
                latency.putObject(kind).put("p50", p50).put("p95", l.quantile(0.95)).put("p99", l.quantile(0.99));
            }
        }
        latency.putNull("request");
    }

    /**
     * The last minute up to a second, for the page's figures: percentiles and error ratios over 60 s instead of one
     * second, and the busiest services with their error counts by source and p95 Kong and upstream latency (to
     * within a 25 % bucket, {@link CoarseLatencies}).
     */
    static ObjectNode rolling(TrafficWindow minute, int seconds, int services) {
        ObjectNode rolling = Json.object().put("seconds", seconds);
        counts(rolling, minute.all);
        ObjectNode latency = rolling.putObject("latency");
        stats(latency, "kong", minute.kong.stats());
        stats(latency, "upstream", minute.upstream.stats());
        stats(latency, "request", minute.request.stats());
        rolling.put("upgraded", minute.upgraded.sum()).put("sessions", minute.streams.requests.sum());
        ArrayNode list = rolling.putArray("services");
        for (Map.Entry<String, TrafficWindow.Counts> e : ranked(minute, services)) {
            ObjectNode one = list.addObject().put("service", e.getKey());
            counts(one, e.getValue());
            ObjectNode p95 = one.putObject("p95");
            p95.put("kong", e.getValue().kongLatency.quantile(0.95));
            p95.put("upstream", e.getValue().upstreamLatency.quantile(0.95));
        }
        return rolling;
    }

    static List<Map.Entry<String, TrafficWindow.Counts>> ranked(TrafficWindow w, int limit) {
        List<Map.Entry<String, TrafficWindow.Counts>> ranked = new ArrayList<>(w.services.entrySet());
        ranked.sort(Comparator.comparingLong((Map.Entry<String, TrafficWindow.Counts> e) -> e.getValue().requests.sum()).reversed()
                .thenComparing(Map.Entry::getKey));
        return ranked.subList(0, Math.min(limit, ranked.size()));
    }

    private static void counts(ObjectNode target, TrafficWindow.Counts c) {
        target.put("requests", c.requests.sum());
        classes(target, c);
        target.putObject("bySource").put("service", c.fromService.sum()).put("kong", c.fromKong.sum());
        long kong5xx = c.kong5xx.sum();
        target.putObject("errors5xx").put("service", c.byClass[4].sum() - kong5xx).put("kong", kong5xx);
        target.putObject("bandwidth").put("ingress", c.ingress.sum()).put("egress", c.egress.sum());
    }

    private static void classes(ObjectNode target, TrafficWindow.Counts c) {
        ObjectNode byClass = target.putObject("byClass");
        for (int i = 0; i < 5; i++) {
            byClass.put((i + 1) + "xx", c.byClass[i].sum());
        }
    }

    private static void stats(ObjectNode target, String name, LatencyHistogram.Stats s) {
        if (s == null) {
            target.putNull(name);
            return;
        }
        target.putObject(name).put("min", s.min()).put("avg", Math.round(s.avg() * 10) / 10.0).put("max", s.max())
                .put("p50", s.p50()).put("p95", s.p95()).put("p99", s.p99());
    }
}
