package io.kongexporter.status;

import io.kongexporter.web.Html;
import io.kongexporter.web.LandingSection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** The landing page's node table: each node with its state, version, last poll, breaker and last error. */
public final class NodeTable implements LandingSection {
    private final Supplier<List<NodeSnapshot>> nodes;
    private final Clock clock;

    NodeTable(Supplier<List<NodeSnapshot>> nodes, Clock clock) {
        this.nodes = nodes;
        this.clock = clock;
    }

    @Override
    public String title() {
        return "Kong nodes (" + nodes.get().size() + ")";
    }

    @Override
    public String html() {
        Instant now = clock.instant();
        StringBuilder rows = new StringBuilder("<table><tr><th>Node</th><th>URL</th><th>State</th><th>Version</th>"
                + "<th>Last poll</th><th>Breaker</th><th>Last error</th></tr>\n");
        for (NodeSnapshot node : nodes.get()) {
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
        return rows.append("</table>").toString();
    }

    private static String ago(Instant then, Instant now) {
        long ms = Math.max(0, Duration.between(then, now).toMillis());
        return ms < 10_000 ? String.format("%.1fs", ms / 1000.0) : (ms / 1000) + "s";
    }
}
