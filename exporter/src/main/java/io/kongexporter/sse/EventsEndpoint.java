package io.kongexporter.sse;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kongexporter.core.ApiError;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /events}: the SSE stream. Each subscriber gets its own bounded queue and writer thread, so a slow
 * one is dropped without slowing ingest, polling or other subscribers. {@code Last-Event-ID} replays from the
 * hub's buffer, or sends a fresh snapshot when the id is too old. 503 past {@code live.max_clients}.
 */
public final class EventsEndpoint implements Handler {
    private final LiveHub hub;
    private final long heartbeatMillis;

    public EventsEndpoint(LiveHub hub, long heartbeatMillis) {
        this.hub = hub;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        LiveFilter filter = filter(ctx);
        Optional<Long> lastEventId = lastEventId(ctx.header("Last-Event-ID"));
        LiveClient.streamHeaders(ctx);
        LiveClient client = new LiveClient(filter, ctx.res().getOutputStream(), heartbeatMillis);
        if (!hub.connect(client, lastEventId)) {
            ctx.res().reset();
            throw ApiError.unavailable("too many live subscribers (live.max_clients); retry later");
        }
        client.serve(ctx, () -> hub.disconnect(client));
    }

    static LiveFilter filter(Context ctx) {
        String topics = ctx.queryParam("topics");
        Set<Topic> chosen = EnumSet.noneOf(Topic.class);
        if (topics == null || topics.isBlank()) {
            chosen.addAll(EnumSet.allOf(Topic.class));
        } else {
            for (String topic : topics.split(",")) {
                String t = topic.trim();
                chosen.add(Topic.of(t).orElseThrow(() -> ApiError.badRequest("unknown topic '" + (t.length() > 40 ? t.substring(0, 40) + "..." : t)
                        + "' (known: status, traffic, cluster, alerts)")));
            }
        }
        return new LiveFilter(chosen, nonBlank(ctx.queryParam("node")), nonBlank(ctx.queryParam("service")));
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    private static Optional<Long> lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
