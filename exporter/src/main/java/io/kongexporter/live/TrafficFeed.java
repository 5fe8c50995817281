package io.kongexporter.live;

import io.kongexporter.core.Json;
import io.kongexporter.core.Threads;
import io.kongexporter.sse.LiveEvent;
import io.kongexporter.sse.LiveHub;
import java.util.Optional;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kongexporter.ingest.EntrySink;
import io.kongexporter.ingest.LogEntry;
import io.kongexporter.traffic.TrafficLabels;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Per-second traffic for the live view, like Kong Vitals: every entry the receiver accepts is added to the current
 * second; once a second the finished one is published as a {@code traffic} event (nothing for a second without
 * traffic: no fake zeros) and kept in fixed rings, 1-second points for an hour and 1-minute points for 25 hours.
 */
public final class TrafficFeed implements EntrySink, AutoCloseable {
    static final int SECONDS_KEPT = 3600;
    static final int MINUTES_KEPT = 25 * 60;
    private static final long SETTLE_MILLIS = 150;

    private final LiveHub hub;
    private final Clock clock;
    private final PointRing seconds = new PointRing(SECONDS_KEPT);
    private final PointRing minutes = new PointRing(MINUTES_KEPT);
    private final ScheduledExecutorService ticker;
    private volatile TrafficWindow current;
    private TrafficWindow minute;

    public TrafficFeed(LiveHub hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
        long now = clock.millis();
        this.current = new TrafficWindow(now / 1000);
        this.minute = new TrafficWindow(now / 60_000 * 60);
        this.ticker = Executors.newSingleThreadScheduledExecutor(Threads.daemon("traffic-ticker"));
    }

    /** Starts closing a second every second, on the second. */
    public void start() {
        ticker.scheduleAtFixedRate(this::tick, 1000 - clock.millis() % 1000, 1000, TimeUnit.MILLISECONDS);
    }

    /** Called with every accepted batch, on the ingest thread. */
    @Override
    public void record(List<LogEntry> entries) {
        TrafficWindow window = current;
        for (LogEntry e : entries) {
            window.add(e, TrafficLabels.service(e), TrafficLabels.source(e).equals("service"));
        }
    }

    private void tick() {
        long second = clock.millis() / 1000;
        TrafficWindow finished = current;
        current = new TrafficWindow(second);
        ticker.schedule(() -> finish(finished), SETTLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Publishes and stores a finished second (writers that raced the swap have settled by now). */
    synchronized void finish(TrafficWindow second) {
        long minuteStart = second.startSecond / 60 * 60;
        if (minuteStart != minute.startSecond) {
            if (minute.all.requests.sum() > 0) {
                minutes.add(minute.startSecond, point(minute));
            }
            minute = new TrafficWindow(minuteStart);
        }
        if (second.all.requests.sum() == 0) {
            return;
        }
        minute.add(second);
        ObjectNode point = point(second);
        seconds.add(second.startSecond, point);
        hub.publish(new LiveEvent.Traffic(Optional.empty(), point));
        for (String service : hub.watchedServices()) {
            TrafficWindow.Counts counts = second.services.get(service);
            if (counts != null) {
                ObjectNode one = Json.object().put("ts", second.startSecond).put("service", service);
                counts(one, counts);
                hub.publish(new LiveEvent.Traffic(Optional.of(service), one));
            }
        }
    }

    /** History points with {@code ts >= from}, oldest first. */
    public synchronized ArrayNode history(boolean perMinute, long from) {
        return (perMinute ? minutes : seconds).since(from);
    }

    static ObjectNode point(TrafficWindow w) {
        ObjectNode point = Json.object().put("ts", w.startSecond);
        counts(point, w.all);
        ObjectNode latency = point.putObject("latency");
        stats(latency, "kong", w.kong.stats());
        stats(latency, "upstream", w.upstream.stats());
        stats(latency, "request", w.request.stats());
        ArrayNode top = point.putArray("topServices");
        List<Map.Entry<String, TrafficWindow.Counts>> ranked = new ArrayList<>(w.services.entrySet());
        ranked.sort(Comparator.comparingLong((Map.Entry<String, TrafficWindow.Counts> e) -> e.getValue().requests.sum()).reversed()
                .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, TrafficWindow.Counts> e : ranked.subList(0, Math.min(10, ranked.size()))) {
            long errors = e.getValue().byClass[4].sum();
            top.addObject().put("service", e.getKey()).put("requests", e.getValue().requests.sum()).put("errors5xx", errors);
        }
        return point;
    }

    private static void counts(ObjectNode target, TrafficWindow.Counts c) {
        target.put("requests", c.requests.sum());
        ObjectNode byClass = target.putObject("byClass");
        for (int i = 0; i < 5; i++) {
            byClass.put((i + 1) + "xx", c.byClass[i].sum());
        }
        target.putObject("bySource").put("service", c.fromService.sum()).put("kong", c.fromKong.sum());
        target.putObject("bandwidth").put("ingress", c.ingress.sum()).put("egress", c.egress.sum());
    }

    private static void stats(ObjectNode latency, String name, LatencyHistogram.Stats s) {
        if (s == null) {
            latency.putNull(name);
            return;
        }
        latency.putObject(name).put("min", s.min()).put("avg", Math.round(s.avg() * 10) / 10.0).put("max", s.max())
                .put("p50", s.p50()).put("p95", s.p95()).put("p99", s.p99());
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** A fixed ring of points keyed by their start time. */
    private static final class PointRing {
        private final ObjectNode[] points;
        private final long[] times;
        private int next;
        private int size;

        PointRing(int capacity) {
            points = new ObjectNode[capacity];
            times = new long[capacity];
        }

        void add(long ts, ObjectNode point) {
            points[next] = point;
            times[next] = ts;
            next = (next + 1) % points.length;
            size = Math.min(size + 1, points.length);
        }

        ArrayNode since(long from) {
            ArrayNode out = Json.array();
            for (int i = 0; i < size; i++) {
                int index = (next - size + i + points.length) % points.length;
                if (times[index] >= from) {
                    out.add(points[index]);
                }
            }
            return out;
        }
    }
}
