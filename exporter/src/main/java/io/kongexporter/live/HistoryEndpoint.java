package io.kongexporter.live;

import io.kongexporter.core.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kongexporter.core.ApiError;

/** {@code GET /api/history?resolution=1s|1m&from=<unix s>}: the traffic feed's rings, oldest point first. */
public final class HistoryEndpoint implements Handler {
    private final TrafficFeed feed;

    public HistoryEndpoint(TrafficFeed feed) {
        this.feed = feed;
    }

    @Override
    public void handle(Context ctx) {
        boolean perMinute = perMinute(ctx.queryParam("resolution"));
        ObjectNode body = Json.object().put("resolution", perMinute ? "1m" : "1s");
        body.set("points", feed.history(perMinute, from(ctx.queryParam("from"))));
        ctx.contentType("application/json").result(body.toString());
    }

    private static boolean perMinute(String resolution) {
        if (resolution == null || resolution.equals("1s")) {
            return false;
        }
        if (resolution.equals("1m")) {
            return true;
        }
        throw ApiError.badRequest("resolution must be 1s or 1m");
    }

    private static long from(String from) {
        if (from == null || from.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(from.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("from must be a Unix time in seconds");
        }
    }
}
