package io.kongexporter.alerts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kongexporter.core.Json;
import io.kongexporter.sse.LiveEvent;
import io.kongexporter.sse.LiveHub;
import java.util.Optional;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.kongexporter.core.ApiError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /alerts/webhook}: Alertmanager's webhook (version 4). Every alert is published on the {@code alerts}
 * topic; firing ones are kept (bounded) for {@code GET /api/alerts} until they resolve.
 */
public final class AlertFeed {
    static final int MAX_FIRING = 10_000;
    static final int MAX_BODY = 1 << 20;

    private final LiveHub hub;
    private final Map<String, ObjectNode> firing = new LinkedHashMap<>();

    public AlertFeed(LiveHub hub) {
        this.hub = hub;
    }

    public void receive(Context ctx) throws IOException {
        byte[] body = ctx.req().getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw ApiError.tooLarge("webhook body over " + MAX_BODY + " bytes");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ApiError.badRequest("not an Alertmanager webhook: body is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.path("alerts").isArray()) {
            throw ApiError.badRequest("not an Alertmanager webhook: no alerts array");
        }
        int received = 0;
        for (JsonNode alert : root.get("alerts")) {
            if (!alert.isObject()) {
                throw ApiError.badRequest("not an Alertmanager webhook: alerts[] must hold objects");
            }
            publish(event(alert));
            received++;
        }
        ctx.json(Map.of("received", received));
    }

    static ObjectNode event(JsonNode alert) {
        ObjectNode event = Json.object();
        event.put("status", alert.path("status").asText("firing").equals("resolved") ? "resolved" : "firing");
        String fingerprint = alert.path("fingerprint").asText("");
        event.put("fingerprint", fingerprint.isEmpty() ? Integer.toHexString(alert.path("labels").toString().hashCode()) : fingerprint);
        event.set("labels", alert.path("labels").isObject() ? alert.get("labels") : Json.object());
        event.set("annotations", alert.path("annotations").isObject() ? alert.get("annotations") : Json.object());
        event.put("startsAt", alert.path("startsAt").asText(""));
        event.put("endsAt", alert.path("endsAt").asText(""));
        return event;
    }

    private synchronized void publish(ObjectNode event) {
        String fingerprint = event.get("fingerprint").asText();
        if (event.get("status").asText().equals("resolved")) {
            firing.remove(fingerprint);
        } else if (firing.containsKey(fingerprint) || firing.size() < MAX_FIRING) {
            firing.put(fingerprint, event);
        }
        hub.publish(new LiveEvent.Alert(Optional.ofNullable(event.path("labels").path("node").asText(null)), event));
    }

    public synchronized ObjectNode firing() {
        ObjectNode out = Json.object();
        ArrayNode alerts = out.putArray("alerts");
        firing.values().forEach(alerts::add);
        return out;
    }
}
