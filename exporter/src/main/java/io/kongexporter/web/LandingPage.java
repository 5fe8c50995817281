package io.kongexporter.web;

import io.kongexporter.metrics.BuildInfo;
import io.kongexporter.status.NodeSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code GET /}: version, links, and each node with its state, last poll and last error. */
final class LandingPage {
    private LandingPage() {}

    static String render(BuildInfo build, List<NodeSnapshot> nodes, Instant now) {
        StringBuilder rows = new StringBuilder();
        for (NodeSnapshot node : nodes) {
            String state = node.lastAttempt() == null ? "pending" : node.up() ? "up" : "down";
            String version = node.info() == null ? "" : node.info().version() + " " + node.info().edition();
            String lastPoll = node.lastAttempt() == null ? "never" : ago(node.lastAttempt(), now) + " ago";
            String problem = node.lastError() != null ? node.lastError() : node.warning();
            rows.append("<tr class=\"").append(state).append("\"><td>").append(Html.escape(node.name()))
                    .append("</td><td>").append(Html.escape(node.node().url().toString()))
                    .append("</td><td>").append(state)
                    .append("</td><td>").append(Html.escape(version.trim()))
                    .append("</td><td>").append(lastPoll)
                    .append("</td><td>").append(Html.escape(node.breakerState()))
                    .append("</td><td>").append(Html.escape(problem == null ? "" : problem))
                    .append("</td></tr>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>kong-exporter</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}
                tr.up td:nth-child(3){color:#1a7f37;font-weight:600}tr.down td:nth-child(3){color:#cf222e;font-weight:600}
                </style></head><body>
                <h1>kong-exporter</h1>
                <p>Version %s%s. Prometheus exporter for the Kong API gateway.</p>
                <ul>
                <li><a href="metrics">/metrics</a> (Prometheus)</li>
                <li><a href="live">/live</a> (live view), <a href="events">/events</a> (server-sent events), <a href="api/history?resolution=1m">/api/history</a></li>
                <li><a href="-/healthy">/-/healthy</a>, <a href="-/ready">/-/ready</a></li>
                </ul>
                <h2>Kong nodes (%d)</h2>
                <table><tr><th>Node</th><th>URL</th><th>State</th><th>Version</th><th>Last poll</th><th>Breaker</th><th>Last error</th></tr>
                %s</table>
                </body></html>
                """.formatted(Html.escape(build.version()),
                build.buildTime().isEmpty() ? "" : ", built " + Html.escape(build.buildTime()),
                nodes.size(), rows);
    }

    private static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        long ms = Math.max(0, d.toMillis());
        return ms < 10_000 ? String.format("%.1fs", ms / 1000.0) : (ms / 1000) + "s";
    }
}
