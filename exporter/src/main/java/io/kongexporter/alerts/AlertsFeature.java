package io.kongexporter.alerts;

import io.kongexporter.core.Component;
import io.kongexporter.core.Route;
import io.kongexporter.sse.LiveHub;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/** Alertmanager's webhook ({@code POST /alerts/webhook}) onto the live {@code alerts} topic, and {@code GET /api/alerts}. */
public final class AlertsFeature implements Component {
    private final AlertTruncations truncations = new AlertTruncations();
    private final AlertFeed feed;

    public AlertsFeature(LiveHub hub) {
        this.feed = new AlertFeed(hub, truncations);
    }

    @Override
    public void register(PrometheusRegistry registry) {
        registry.register(truncations);
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/alerts/webhook", feed::receive),
                Route.get("/api/alerts", ctx -> ctx.contentType("application/json").result(feed.firing())));
    }
}
