package io.kongexporter.alerts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.kongexporter.core.ApiError;
import io.kongexporter.core.Json;
import io.kongexporter.sse.LiveEvent;
import io.kongexporter.sse.LiveHub;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST /alerts/webhook}: Alertmanager's webhook (version 4). The body (up to {@value #MAX_BODY} bytes) is
 * read as a stream, one alert at a time, so a big alert group costs no more than its largest alert. Each alert is
 * trimmed ({@link AlertTrimmer}) and, once the whole body proved valid, published on the {@code alerts} topic: at most
 * {@value #MAX_ALERTS_PER_POST} alerts and {@value #POST_BYTES} bytes per post (the rest is counted, and the answer
 * says how many were cut). The hub keeps the firing ones for snapshots and {@code GET /api/alerts} until they resolve.
 */
public final class AlertFeed {
    static final int MAX_BODY = 16 << 20;
    static final int MAX_ALERTS_PER_POST = 10_000;
    static final long POST_BYTES = 8L << 20;

    private final LiveHub hub;
    private final AlertTruncations truncations;
    private final AlertTrimmer trimmer;

    AlertFeed(LiveHub hub, AlertTruncations truncations) {
        this.hub = hub;
        this.truncations = truncations;
        this.trimmer = new AlertTrimmer(truncations);
    }

    public void receive(Context ctx) throws IOException {
        List<LiveEvent.Alert> alerts = new ArrayList<>();
        int cut = 0;
        try (JsonParser parser = Json.MAPPER.createParser(new LimitedBody(ctx.req().getInputStream(), MAX_BODY))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notWebhook("the body is not a JSON object");
            }
            boolean sawAlerts = false;
            long bytes = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isAlerts = parser.currentName().equals("alerts");
                JsonToken value = parser.nextToken();
                if (!isAlerts || sawAlerts) {
                    parser.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw notWebhook("alerts is not an array");
                }
                sawAlerts = true;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() != JsonToken.START_OBJECT) {
                        throw notWebhook("alerts[] must hold objects");
                    }
                    if (alerts.size() >= MAX_ALERTS_PER_POST || bytes >= POST_BYTES) {
                        parser.skipChildren();
                        cut++;
                        continue;
                    }
                    LiveEvent.Alert alert = trimmer.trim(parser.readValueAsTree());
                    bytes += alert.json().length();
                    alerts.add(alert);
                }
            }
            if (!sawAlerts) {
                throw notWebhook("no alerts array");
            }
        } catch (JacksonException e) {
            throw notWebhook("body is not JSON (" + e.getOriginalMessage() + ")");
        }
        truncations.count(Truncation.POST_TOO_LARGE, cut);
        long notKept = alerts.stream().filter(alert -> !hub.publishAlert(alert)).count();
        truncations.count(Truncation.FIRING_LIST_FULL, notKept);
        ctx.json(Map.of("received", alerts.size() + cut, "published", alerts.size(), "cut", cut));
    }

    private static ApiError notWebhook(String why) {
        return ApiError.badRequest("not an Alertmanager webhook: " + why);
    }

    /** {@code {"alerts": [...]}}: the alerts firing now, oldest first. */
    public String firing() {
        return hub.firingAlerts().stream().map(LiveEvent.Alert::json).collect(Collectors.joining(",", "{\"alerts\":[", "]}"));
    }

    /** The request body, refused with 413 past {@code limit} bytes whatever its declared length. */
    private static final class LimitedBody extends InputStream {
        private final InputStream in;
        private final long limit;
        private long read;

        LimitedBody(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            read += n;
            if (read > limit) {
                throw ApiError.tooLarge("webhook body over " + limit + " bytes");
            }
        }
    }
}
