package io.kongexporter.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.SseSubscriber;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Alertmanager webhook under hostile and big legal payloads (issue 10, items 3 and 4), over real HTTP: what is
 * kept stays bounded (seen through the exporter's own metrics and {@code /api/alerts}), big groups are accepted and
 * reach subscribers whole.
 */
class AlertWebhookLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "…[truncated]";
    private final List<AutoCloseable> open = new ArrayList<>();
    private final RunningExporter exporter = track(RunningExporter.start(Map.of()));

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    @Test
    void megabyte_labels_and_annotations_are_cut_with_a_marker_and_counted() throws Exception {
        SseSubscriber sse = track(SseSubscriber.connect(exporter.url("/events?topics=alerts")));
        String huge = "x".repeat(1 << 20);
        assertThat(post(alert("f-1", "firing", Map.of("node", huge, "service", huge), Map.of("description", huge))).statusCode()).isEqualTo(200);

        SseSubscriber.Event event = sse.await(Duration.ofSeconds(5), e -> e.name().equals("alert"));
        assertThat(event.data().length()).as("the event of a 3 MiB alert").isLessThan(20_000);
        JsonNode alert = JSON.readTree(event.data());
        assertThat(alert.get("labels").get("node").asText()).endsWith(MARKER).startsWith("xxxx");
        assertThat(alert.get("truncated").asBoolean()).isTrue();
        assertThat(exporter.get("/api/alerts").body().length()).isLessThan(20_000);
        assertThat(exporter.scrape().value("kong_exporter_alerts_truncated_total", "reason", "long_value")).contains(3.0);
    }

    @Test
    void the_firing_list_stays_at_its_cap_of_alerts() throws Exception {
        for (int post = 0; post < 11; post++) {
            int from = post * 1000;
            postOk(IntStream.range(from, from + 1000).mapToObj(i -> alert("n-" + i, "firing", Map.of("n", "" + i), Map.of())).toList());
        }
        assertThat(JSON.readTree(exporter.get("/api/alerts").body()).get("alerts")).hasSize(10_000);
        assertThat(exporter.scrape().value("kong_exporter_alerts_truncated_total", "reason", "firing_list_full")).contains(1000.0);
    }

    @Test
    void the_firing_list_stays_within_its_bytes() throws Exception {
        String big = "y".repeat(2000);
        for (int post = 0; post < 10; post++) {
            int from = post * 100;
            postOk(IntStream.range(from, from + 100).mapToObj(i -> alert("big-" + i, "firing", Map.of("n", "" + i), bigAnnotations(big))).toList());
        }
        String firing = exporter.get("/api/alerts").body();
        assertThat(firing.length()).as("firing alerts kept, in bytes").isLessThanOrEqualTo((8 << 20) + 4096).isGreaterThan(7 << 20);
        assertThat(JSON.readTree(firing).get("alerts").size()).isLessThan(1000);
        assertThat(exporter.scrape().value("kong_exporter_alerts_truncated_total", "reason", "firing_list_full").orElseThrow()).isGreaterThan(0);
    }

    @Test
    void the_replay_buffer_is_bounded_by_bytes_even_for_resolved_alerts() {
        String big = "z".repeat(2000);
        for (int post = 0; post < 20; post++) {
            int from = post * 60;
            postOk(IntStream.range(from, from + 60).mapToObj(i -> alert("r-" + i, "resolved", Map.of("n", "" + i), bigAnnotations(big))).toList());
        }
        double replay = exporter.scrape().value("kong_exporter_live_replay_bytes").orElseThrow();
        assertThat(replay).as("1,200 alerts of about 16 KiB were published").isLessThanOrEqualTo(8 << 20).isGreaterThan(7 << 20);
    }

    @Test
    void one_webhook_with_1200_alerts_reaches_a_connected_subscriber_whole() {
        SseSubscriber sse = track(SseSubscriber.connect(exporter.url("/events?topics=alerts")));
        postOk(IntStream.range(0, 1200).mapToObj(i -> realistic(i)).toList());
        int received = 0;
        while (received < 1200 && sse.await(Duration.ofSeconds(5), e -> e.name().equals("alert")) != null) {
            received++;
        }
        assertThat(received).isEqualTo(1200);
        postOk(List.of(realistic(5000)));
        assertThat(sse.await(Duration.ofSeconds(5), e -> e.data().contains("\"fp-5000\""))).as("still connected").isNotNull();
        assertThat(exporter.scrape().value("kong_exporter_sse_dropped_clients_total")).contains(0.0);
    }

    @Test
    void a_group_of_4500_alerts_is_accepted_and_what_exceeds_a_post_is_cut_and_counted() throws Exception {
        HttpResponse<String> group = postOk(IntStream.range(0, 4500).mapToObj(i -> realistic(i)).toList());
        assertThat(JSON.readTree(group.body()).get("published").asInt()).isEqualTo(4500);

        HttpResponse<String> flood = postOk(IntStream.range(0, 10_050).mapToObj(i -> "{\"fingerprint\":\"t-" + i + "\"}").toList());
        assertThat(JSON.readTree(flood.body()).get("cut").asInt()).isEqualTo(50);
        assertThat(exporter.scrape().value("kong_exporter_alerts_truncated_total", "reason", "post_too_large")).contains(50.0);

        String kib = "v".repeat(1024);
        assertThat(post(IntStream.range(0, 17_000).mapToObj(i -> "{\"labels\":{\"a\":\"" + kib + "\"}}").toList()).statusCode())
                .as("a body over 16 MiB").isEqualTo(413);
    }

    @Test
    void a_post_at_its_byte_budget_does_not_overflow_a_healthy_subscriber() {
        SseSubscriber sse = track(SseSubscriber.connect(exporter.url("/events?topics=alerts")));
        String big = "w".repeat(2000);
        HttpResponse<String> answer = postOk(IntStream.range(0, 1000).mapToObj(i -> alert("w-" + i, "firing", Map.of("n", "" + i), bigAnnotations(big))).toList());
        int published;
        try {
            published = JSON.readTree(answer.body()).get("published").asInt();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(published).as("8 MiB of ~16 KiB alerts").isBetween(450, 560);
        int received = 0;
        while (received < published && sse.await(Duration.ofSeconds(5), e -> e.name().equals("alert")) != null) {
            received++;
        }
        assertThat(received).isEqualTo(published);
        assertThat(exporter.scrape().value("kong_exporter_sse_dropped_clients_total")).contains(0.0);
    }

    private static Map<String, String> bigAnnotations(String value) {
        return IntStream.range(0, 8).boxed().collect(Collectors.toMap(i -> "a" + i, i -> value));
    }

    /** An alert the size of those the bundle's rules produce. */
    private static String realistic(int i) {
        return alert("fp-" + i, "firing", Map.of("alertname", "KongUpstreamTargetUnhealthy", "severity", "warning", "job", "kong",
                "node", "kong-" + (i % 7), "upstream", "orders-" + i, "target", "10.0.0." + (i % 250) + ":8080"),
                Map.of("summary", "Upstream target 10.0.0." + (i % 250) + ":8080 of orders-" + i + " is unhealthy",
                        "description", "Kong's health checks mark the target unhealthy; traffic goes to the other targets.",
                        "runbook_url", "https://github.com/kong-exporter/runbooks/KongUpstreamTargetUnhealthy.md"));
    }

    private static String alert(String fingerprint, String status, Map<String, String> labels, Map<String, String> annotations) {
        try {
            return "{\"status\":\"" + status + "\",\"labels\":" + JSON.writeValueAsString(labels) + ",\"annotations\":"
                    + JSON.writeValueAsString(annotations) + ",\"startsAt\":\"2026-11-21T07:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                    + "\"generatorURL\":\"http://prometheus:9090/graph?g0.expr=up\",\"fingerprint\":\"" + fingerprint + "\"}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String... alerts) {
        return post(List.of(alerts));
    }

    private HttpResponse<String> post(List<String> alerts) {
        String body = "{\"version\":\"4\",\"groupKey\":\"{}:{}\",\"status\":\"firing\",\"receiver\":\"kong-exporter\",\"alerts\":["
                + String.join(",", alerts) + "]}";
        return exporter.post("/alerts/webhook", body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> postOk(List<String> alerts) {
        HttpResponse<String> answer = post(alerts);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer;
    }
}
