package io.kongexporter.live;

import io.kongexporter.ingest.LogEntry;
import io.kongexporter.traffic.TrafficLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traffic by the second a request ended in (its {@code started_at} plus its request latency, or session duration for
 * streams), not by when its batch arrived: http-log sends entries in batches, up to a second or more after the
 * request. A second is published {@link #SETTLE_SECONDS} after it ended, so that batches have arrived; its window is
 * still held for about two minutes (whole minutes: every second of a minute not yet folded is held), and an entry
 * that arrives after its second was published goes into that second and is published again ({@link #revised}).
 * Entries whose second is no longer held are late: refused here and counted by the caller.
 */
final class HeldSeconds implements SettledSeconds {
    static final long SETTLE_SECONDS = 2;
    static final long HOLD_SECONDS = 120;

    private final ConcurrentHashMap<Long, TrafficWindow> windows = new ConcurrentHashMap<>();
    private final Set<Long> revised = ConcurrentHashMap.newKeySet();
    private volatile long publishedThrough;
    private volatile long heldFrom;

    HeldSeconds(long nowMillis) {
        publishedThrough = lastDue(nowMillis) - 1;
        heldFrom = heldFrom(nowMillis);
    }

    /** The second an entry belongs to: when it ended, on Kong's clock, but never in the future. */
    static long secondOf(LogEntry e, long nowMillis) {
        if (e.startedAt() < 0) {
            return nowMillis / 1000;
        }
        double duration = e.stream() ? e.latencySession() : e.latencyRequest();
        long end = e.startedAt() + (duration > 0 ? (long) duration : 0);
        return Math.min(end, nowMillis) / 1000;
    }

    /** Adds an entry to its second; false when that second is no longer held (a late entry). */
    boolean add(LogEntry e, long nowMillis) {
        long second = secondOf(e, nowMillis);
        if (second < heldFrom) {
            return false;
        }
        windows.computeIfAbsent(second, TrafficWindow::new).add(e, TrafficLabels.service(e), TrafficLabels.source(e).equals("service"));
        if (second <= publishedThrough) { // read after the add: the tick that published it sees the add or marks it
            revised.add(second);
        }
        return true;
    }

    /** The seconds now due, oldest first (empty ones left out); from now on an entry for them is a revision. */
    @Override
    public List<TrafficWindow> due(long nowMillis) {
        long from = publishedThrough + 1;
        long to = lastDue(nowMillis);
        publishedThrough = Math.max(publishedThrough, to);
        List<TrafficWindow> due = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            TrafficWindow w = windows.get(s);
            if (w != null && !w.isEmpty()) {
                due.add(w);
            }
        }
        return due;
    }

    /** Published seconds that got entries since they were published, oldest first; each reported once. */
    @Override
    public List<TrafficWindow> revised() {
        List<TrafficWindow> out = new ArrayList<>();
        for (Long s : List.copyOf(revised)) {
            revised.remove(s);
            TrafficWindow w = windows.get(s);
            if (w != null) {
                out.add(w);
            }
        }
        out.sort((a, b) -> Long.compare(a.startSecond, b.startSecond));
        return out;
    }

    /** The seconds {@code [from, from + length)} folded into one window starting at {@code from}. */
    @Override
    public TrafficWindow fold(long from, int length) {
        TrafficWindow sum = new TrafficWindow(from);
        for (long s = from; s < from + length; s++) {
            TrafficWindow w = windows.get(s);
            if (w != null) {
                sum.add(w);
            }
        }
        return sum;
    }

    @Override
    public long publishedThrough() {
        return publishedThrough;
    }

    /** Lets go of the seconds before the held minutes. */
    @Override
    public void release(long nowMillis) {
        long from = heldFrom(nowMillis);
        heldFrom = from;
        windows.keySet().removeIf(s -> s < from);
    }

    static long lastDue(long nowMillis) {
        return nowMillis / 1000 - 1 - SETTLE_SECONDS;
    }

    static long heldFrom(long nowMillis) {
        return (nowMillis / 1000 - HOLD_SECONDS) / 60 * 60;
    }
}
