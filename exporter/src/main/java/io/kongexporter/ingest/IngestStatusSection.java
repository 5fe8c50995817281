package io.kongexporter.ingest;

import io.kongexporter.web.Html;
import io.kongexporter.web.LandingSection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The landing page's answer to "are logs arriving?": when the last http-log entry was accepted and how long ago,
 * entries/s over the last minute, and the bodies refused whole by HTTP status (the same counts as
 * {@code kong_exporter_last_log_received_timestamp_seconds} and {@code kong_exporter_log_requests_total}).
 */
public final class IngestStatusSection implements LandingSection {
    private final IngestStats stats;
    private final String path;
    private final Clock clock;

    IngestStatusSection(IngestStats stats, String path, Clock clock) {
        this.stats = stats;
        this.path = path;
        this.clock = clock;
    }

    @Override
    public String title() {
        return "Log ingest (" + path + ")";
    }

    @Override
    public String html() {
        IngestStats.IngestStatus status = stats.status();
        String last = status.lastAccepted() == null ? "no entry received yet"
                : status.lastAccepted().truncatedTo(ChronoUnit.SECONDS) + " (" + ago(status.lastAccepted(), clock.instant()) + " ago)";
        return "<table class=\"ingest\">\n"
                + row("Last entry received", last)
                + row("Entries/s (last minute)", String.format(Locale.ROOT, "%.2f", status.acceptedPerSecond()))
                + row("Entries accepted since start", Long.toString(status.acceptedTotal()))
                + row("Bodies refused, by HTTP status", refused(status.refusedByCode()))
                + "</table>";
    }

    private static String refused(Map<Integer, Long> byCode) {
        return byCode.isEmpty() ? "none" : byCode.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String row(String name, String value) {
        return "<tr><th>" + Html.escape(name) + "</th><td>" + Html.escape(value) + "</td></tr>\n";
    }

    private static String ago(Instant then, Instant now) {
        long ms = Math.max(0, Duration.between(then, now).toMillis());
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0) : (ms / 1000) + "s";
    }
}
