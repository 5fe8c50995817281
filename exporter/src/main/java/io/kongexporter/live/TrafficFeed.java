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
import java.util.List;
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
    private final PointHistory seconds = new PointHistory(SECONDS_KEPT);
    private final PointHistory minutes = new PointHistory(MINUTES_KEPT);
    private final Counter late = Counter.builder().name("kong_exporter_live_late_entries_total")
            .help("Accepted log entries that ended before the live view's held seconds (about two minutes): counted by the metrics, missing from the live traffic and its history.")
            .withoutExemplars().build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Threads.daemon("traffic-ticker"));
    private final long firstSecond;
    private long nextMinute;

    public TrafficFeed(LiveHub hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
        this.held = new HeldSeconds(clock.millis());
        this.firstSecond = clock.millis() / 1000;
        this.nextMinute = (held.publishedThrough() + 1) / 60 * 60;
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
        held.due(now).forEach(this::publish);
        Set<Long> minutesToRedo = new TreeSet<>();
        for (TrafficWindow w : held.revised()) {
            publish(w);
            if (w.startSecond / 60 * 60 < nextMinute) {
                minutesToRedo.add(w.startSecond / 60 * 60);
            }
        }
        while (nextMinute + 59 <= held.publishedThrough()) {
            foldMinute(nextMinute);
            nextMinute += 60;
        }
        minutesToRedo.forEach(this::foldMinute);
        held.release(now);
    }

    private void publish(TrafficWindow second) {
        long ts = second.startSecond;
        ObjectNode point = TrafficPoint.of(second, ts);
        seconds.put(ts, point);
        ObjectNode event = point.deepCopy();
        int span = (int) Math.max(1, Math.min(ROLLING_SECONDS, ts - firstSecond + 1)); // less just after the start
        TrafficWindow minute = held.fold(ts - span + 1, span);
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
        TrafficWindow minute = held.fold(start, 60);
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
