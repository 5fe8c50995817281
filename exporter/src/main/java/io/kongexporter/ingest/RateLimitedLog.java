package io.kongexporter.ingest;

import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * A WARN line per interval at most, summing up what happened since the last one: the first event of a quiet period
 * is logged at once, the ones that follow within the interval are counted and told on the next line. Aborted
 * uploads and rejected requests are the client's doing; one line per request (with a stack trace) drowned the log.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final String what;
    private final long intervalNanos;
    private final Map<String, Long> counts = new TreeMap<>();
    private long lastLineNanos;
    private boolean logged;

    RateLimitedLog(Logger log, java.time.Duration interval) {
        this(log, interval, "log requests not accepted");
    }

    /** @param what what the events are, as the line starts (e.g. {@code "tcp-log lines not accepted"}) */
    public RateLimitedLog(Logger log, java.time.Duration interval, String what) {
        this.log = log;
        this.what = what;
        this.intervalNanos = interval.toNanos();
    }

    /** Counts an event of a kind (e.g. {@code "401 (missing or wrong credentials)"}); logs the summary when due. */
    public void note(String kind) {
        String line;
        synchronized (this) {
            counts.merge(kind, 1L, Long::sum);
            long now = System.nanoTime();
            if (logged && now - lastLineNanos < intervalNanos) {
                return;
            }
            line = summary();
            lastLineNanos = now;
            logged = true;
        }
        write(line);
    }

    /** Logs what was counted since the last line, if anything (at shutdown, so nothing counted goes untold). */
    public void flush() {
        String line;
        synchronized (this) {
            if (counts.isEmpty()) {
                return;
            }
            line = summary();
        }
        write(line);
    }

    private String summary() {
        StringBuilder text = new StringBuilder();
        counts.forEach((k, n) -> text.append(text.length() == 0 ? "" : ", ").append(n).append(" × ").append(k));
        counts.clear();
        return text.toString();
    }

    private void write(String line) {
        log.warn("{} since the last such line (one line per {} s at most): {}", what, intervalNanos / 1_000_000_000, line);
    }
}
