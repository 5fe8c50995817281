package io.kongexporter.alerts;

import io.kongexporter.core.Component;
import io.kongexporter.core.Route;
import io.kongexporter.sse.LiveHub;
import java.util.List;

/** Alertmanager's webhook ({@code POST /alerts/webhook}) onto the live {@code alerts} topic, and {@code GET /api/alerts}. */
public final class AlertsFeature implements Component {
    private final AlertFeed feed;

    public AlertsFeature(LiveHub hub) {
        this.feed = new AlertFeed(hub);
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/alerts/webhook", feed::receive), Route.get("/api/alerts", ctx -> ctx.json(feed.firing())));
    }
}
