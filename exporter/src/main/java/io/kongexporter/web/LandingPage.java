package io.kongexporter.web;

import io.kongexporter.metrics.BuildInfo;
import java.util.List;

/** {@code GET /}: version, links, and the sections features contribute (the node table, ingest status). */
final class LandingPage {
    private LandingPage() {}

    static String render(BuildInfo build, List<LandingSection> sections) {
        StringBuilder body = new StringBuilder();
        for (LandingSection section : sections) {
            body.append("<h2>").append(Html.escape(section.title())).append("</h2>\n").append(section.html()).append('\n');
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
                %s</body></html>
                """.formatted(Html.escape(build.version()),
                ", revision " + Html.escape(build.revision()) + ", built " + Html.escape(build.buildDate()), body);
    }
}
