package io.kongexporter.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kongexporter.core.Threads;
import io.kongexporter.ingest.EntrySink;
import io.kongexporter.ingest.LogEntry;
import io.kongexporter.sse.LiveEvent;
import io.kongexporter.sse.LiveHub;
import io.prometheus.metrics.core.metrics.Counter;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Per-second traffic for the live view, like Kong Vitals, timed by when each request ended ({@link HeldSeconds}):
 * once a second the second that ended {@link HeldSeconds#SETTLE_SECONDS} ago is published as a {@code traffic} event
 * (nothing for a second without traffic: no fake zeros) with the rolling minute up to it, and kept in the history,
 * 1-second points for an hour and 1-minute points for 25 hours. Entries that arrive for a published second still held
 * revise its point (published again, replaced in the history); older ones are counted as late.
 * <p>With a fleet ({@code live.kafka_topic}), this replica's seconds are shared instead ({@link FleetShares}: every
 * second, empty ones too, so that the others know it is there) and the seconds published are the fleet's
 * ({@link FleetSeconds}), each with {@code replicas: {scope: "fleet", seen, missing}}. Without one, a replica that
 * reads Kafka on a consumer group is one of several: its points say {@code replicas: {scope: "replica"}}.
 */
public final class TrafficFeed implements EntrySink, AutoCloseable {
    static final int SECONDS_KEPT = 3600;
    static final int MINUTES_KEPT = 25 * 60;
    static final int ROLLING_SECONDS = 60;
    static final int ROLLING_SERVICES = 50;

    private static final Logger LOG = LoggerFactory.getLogger(TrafficFeed.class);

    private final LiveHub hub;
    private final Clock clock;
    private final HeldSeconds held;
    private final FleetShares fleet;
    private final boolean oneOfSeveral;
    private final SettledSeconds view;
    private final PointHistory seconds = new PointHistory(SECONDS_KEPT);
    private final PointHistory minutes = new PointHistory(MINUTES_KEPT);
    private final Counter late = Counter.builder().name("kong_exporter_live_late_entries_total")
            .help("Accepted log entries that ended before the live view's held seconds (about two minutes): counted by the metrics, missing from the live traffic and its history.")
            .withoutExemplars().build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Threads.daemon("traffic-ticker"));
    private final long firstSecond;
    private long nextMinute;

    /**
     * @param fleet the fleet's seconds, when replicas share them; null for this replica's only
     * @param oneOfSeveral whether this replica (without a fleet) shows only its share of the traffic
     */
    TrafficFeed(LiveHub hub, Clock clock, FleetShares fleet, boolean oneOfSeveral) {
        this.hub = hub;
        this.clock = clock;
        this.held = new HeldSeconds(clock.millis());
        this.fleet = fleet;
        this.oneOfSeveral = oneOfSeveral;
        this.view = fleet == null ? held : fleet.seconds();
        this.firstSecond = clock.millis() / 1000;
        this.nextMinute = (view.publishedThrough() + 1) / 60 * 60;
    }

    public TrafficFeed(LiveHub hub, Clock clock) {
        this(hub, clock, null, false);
    }

    /** The counter of entries too late for the live view, for the registry. */
    public Counter lateEntries() {
        return late;
    }

    /** Starts publishing a second every second, just after the second turns. */
    public void start() {
        ticker.scheduleAtFixedRate(() -> {
            try {
                tick();
            } catch (RuntimeException e) { // a failed tick must not end the schedule
                LOG.warn("live traffic tick failed: {}", e.toString());
            }
        }, 1000 - clock.millis() % 1000 + 20, 1000, TimeUnit.MILLISECONDS);
    }

    /** Called with every accepted batch, on the ingest thread. */
    @Override
    public void record(List<LogEntry> entries) {
        long now = clock.millis();
        for (LogEntry e : entries) {
            if (!held.add(e, now)) {
                late.inc();
            }
        }
    }

    /** Publishes the seconds now due and the revised ones, folds finished minutes and lets go of old seconds. */
    synchronized void tick() {
        long now = clock.millis();
        if (fleet != null) {
            shareOwn(now);
        }
        view.due(now).forEach(this::publish);
        Set<Long> minutesToRedo = new TreeSet<>();
        for (TrafficWindow w : view.revised()) {
            publish(w);
            if (w.startSecond / 60 * 60 < nextMinute) {
                minutesToRedo.add(w.startSecond / 60 * 60);
            }
        }
        while (nextMinute + 59 <= view.publishedThrough()) {
            foldMinute(nextMinute);
            nextMinute += 60;
        }
        minutesToRedo.forEach(this::foldMinute);
        held.release(now);
        if (fleet != null) {
            view.release(now);
        }
    }

    /** This replica's seconds now settled (every one, empty or not) and revised go to the fleet. */
    private void shareOwn(long now) {
        long from = held.publishedThrough() + 1;
        Map<Long, TrafficWindow> due = new HashMap<>();
        held.due(now).forEach(w -> due.put(w.startSecond, w));
        for (long s = from; s <= held.publishedThrough(); s++) {
            fleet.share(due.getOrDefault(s, new TrafficWindow(s)));
        }
        held.revised().forEach(fleet::share);
    }

    private void publish(TrafficWindow second) {
        long ts = second.startSecond;
        ObjectNode point = TrafficPoint.of(second, ts);
        if (fleet != null) {
            point.set("replicas", fleet.seconds().replicas(ts).put("scope", "fleet"));
        } else if (oneOfSeveral) {
            point.putObject("replicas").put("scope", "replica");
        }
        seconds.put(ts, point);
        ObjectNode event = point.deepCopy();
        int span = (int) Math.max(1, Math.min(ROLLING_SECONDS, ts - firstSecond + 1)); // less just after the start
        TrafficWindow minute = view.fold(ts - span + 1, span);
        event.set("rolling", TrafficPoint.rolling(minute, span, ROLLING_SERVICES));
        hub.publish(new LiveEvent.Traffic(Optional.empty(), event));
        for (String service : hub.watchedServices()) {
            TrafficWindow.Counts counts = second.services.get(service);
            if (counts != null) {
                hub.publish(new LiveEvent.Traffic(Optional.of(service), TrafficPoint.ofService(ts, service, counts, minute.services.get(service), span)));
            }
        }
    }

    private void foldMinute(long start) {
        TrafficWindow minute = view.fold(start, 60);
        if (!minute.isEmpty()) {
            minutes.put(start, TrafficPoint.of(minute, start));
        }
    }

    /** History points with {@code ts >= from}, oldest first. */
    public ArrayNode history(boolean perMinute, long from) {
        return (perMinute ? minutes : seconds).since(from);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
