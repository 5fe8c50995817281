package io.kongexporter.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.LongFunction;

/** The bodies the attackers post, each a function of the post's sequence number (so every post is new). */
final class HostileBodies {
    static final int MIB = 1 << 20;

    private HostileBodies() {}

    /** Entries whose service, route and consumer are never seen before (request ids start with {@code f}). */
    static LongFunction<byte[]> cardinalityFlood(EntryTemplate template, int entriesPerPost) {
        return seq -> {
            StringBuilder body = new StringBuilder(entriesPerPost * 2800).append('[');
            for (int i = 0; i < entriesPerPost; i++) {
                long n = seq * entriesPerPost + i;
                body.append(i == 0 ? "" : ",");
                template.render(body, "flood-svc-" + n, "flood-route-" + n, "flood-consumer-" + n, 200, EntryTemplate.requestId('f', n));
            }
            return body.append(']').toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    /** One entry whose service, route and consumer are each 1 MiB, different from the first byte on (ids start with {@code b}). */
    static LongFunction<byte[]> oneMebibyteLabels(EntryTemplate template) {
        String filler = "x".repeat(MIB - 20);
        return seq -> {
            StringBuilder body = new StringBuilder(3 * MIB + 4000);
            template.render(body, seq + "-svc-" + filler, seq + "-route-" + filler, seq + "-consumer-" + filler, 200,
                    EntryTemplate.requestId('b', seq));
            return body.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * An Alertmanager (version 4) webhook post of {@code alerts} firing alerts, each with a new fingerprint, an 8 KiB
     * label value, 40 further labels and a 256 KiB annotation.
     */
    static LongFunction<byte[]> webhookFlood(int alerts) {
        String label = "l".repeat(8 << 10);
        String annotation = "a".repeat(256 << 10);
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            extra.append(",\"label_").append(i).append("\":\"").append("v".repeat(512)).append('"');
        }
        String now = Instant.now().toString();
        return seq -> {
            StringBuilder body = new StringBuilder(alerts * (label.length() + annotation.length() + 25_000))
                    .append("{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"Flood\\\"}\",\"truncatedAlerts\":0,\"status\":\"firing\",")
                    .append("\"receiver\":\"kong-exporter\",\"groupLabels\":{\"alertname\":\"Flood\"},\"commonLabels\":{\"alertname\":\"Flood\"},")
                    .append("\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager:9093\",\"alerts\":[");
            for (int i = 0; i < alerts; i++) {
                long n = seq * alerts + i;
                body.append(i == 0 ? "" : ",").append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"Flood\",\"instance\":\"flood-")
                        .append(n).append("\",\"blob\":\"").append(label).append('"').append(extra).append("},\"annotations\":{\"description\":\"")
                        .append(annotation).append("\"},\"startsAt\":\"").append(now).append("\",\"endsAt\":\"0001-01-01T00:00:00Z\",")
                        .append("\"generatorURL\":\"http://prometheus:9090/graph\",\"fingerprint\":\"").append(String.format("%016x", n)).append("\"}");
            }
            return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        };
    }
}
