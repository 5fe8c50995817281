package io.kongexporter.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kongexporter.core.Json;
import io.kongexporter.sse.LiveEvent;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * One alert of an Alertmanager webhook (version 4) as the live stream carries it, within bounds whatever was posted:
 * names of labels and annotations at most {@value #MAX_NAME} characters, values at most {@value #MAX_VALUE} (cut
 * with {@link #MARKER}), and at most {@value #MAX_ENTRIES_CHARS} characters of names and values per alert (further
 * entries are dropped). An alert cut in any way says {@code "truncated": true}. Every cut is counted.
 */
final class AlertTrimmer {
    static final int MAX_NAME = 256;
    static final int MAX_VALUE = 2048;
    static final int MAX_ENTRIES_CHARS = 16 * 1024;
    static final String MARKER = "…[truncated]";

    private final AlertTruncations truncations;

    AlertTrimmer(AlertTruncations truncations) {
        this.truncations = truncations;
    }

    LiveEvent.Alert trim(JsonNode alert) {
        Cut cut = new Cut();
        ObjectNode event = Json.object();
        boolean firing = !alert.path("status").asText("firing").equals("resolved");
        event.put("status", firing ? "firing" : "resolved");
        String fingerprint = alert.path("fingerprint").asText("");
        event.put("fingerprint", fingerprint.isEmpty()
                ? Long.toHexString(alert.path("labels").toString().hashCode() & 0xffffffffL)
                : cut.value(fingerprint, MAX_NAME));
        ObjectNode labels = event.putObject("labels");
        ObjectNode annotations = event.putObject("annotations");
        int budget = entries(alert.path("labels"), labels, MAX_ENTRIES_CHARS, cut);
        entries(alert.path("annotations"), annotations, budget, cut);
        for (String field : new String[] {"startsAt", "endsAt", "generatorURL"}) {
            event.put(field, cut.value(alert.path(field).asText(""), MAX_VALUE));
        }
        if (cut.values > 0 || cut.entriesDropped) {
            event.put("truncated", true);
        }
        truncations.count(Truncation.LONG_VALUE, cut.values);
        truncations.count(Truncation.ALERT_TOO_LARGE, cut.entriesDropped ? 1 : 0);
        JsonNode node = labels.get("node");
        return new LiveEvent.Alert(Optional.ofNullable(node == null ? null : node.asText()), event.get("fingerprint").asText(), firing,
                event.toString());
    }

    /** Copies the entries of {@code from} (when an object) that fit in {@code budget} characters; returns what is left. */
    private static int entries(JsonNode from, ObjectNode to, int budget, Cut cut) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.isObject() ? from.fields() : Collections.emptyIterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = cut.value(field.getKey(), MAX_NAME);
            String value = cut.value(field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString(), MAX_VALUE);
            int size = name.length() + value.length();
            if (size > budget) {
                cut.entriesDropped = true;
                return 0;
            }
            budget -= size;
            to.put(name, value);
        }
        return budget;
    }

    /** What was cut from one alert. */
    private static final class Cut {
        long values;
        boolean entriesDropped;

        String value(String s, int max) {
            if (s.length() <= max) {
                return s;
            }
            values++;
            int end = max - MARKER.length();
            return s.substring(0, Character.isHighSurrogate(s.charAt(end - 1)) ? end - 1 : end) + MARKER;
        }
    }
}
