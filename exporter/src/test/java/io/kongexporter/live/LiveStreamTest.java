package io.kongexporter.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kongexporter.sse.JsonPatch;
import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.SseSubscriber;
import io.kongfixtures.Fixtures;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SSE bridge over real HTTP: real fake-Kong nodes, a real exporter, real SSE subscribers. */
class LiveStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<AutoCloseable> open = new ArrayList<>();

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

    private RunningExporter exporter(String nodes, long heartbeatMillis, String... flags) {
        Map<String, String> env = new HashMap<>(Map.of("KONG_EXPORTER_KONG_POLL_INTERVAL", "200ms", "KONG_EXPORTER_KONG_TIMEOUT", "150ms"));
        if (nodes != null) {
            env.put("KONG_EXPORTER_KONG_NODES", nodes);
        }
        return track(RunningExporter.start(env, heartbeatMillis, flags));
    }

    @Test
    void a_snapshot_then_patches_reproduce_the_nodes_latest_state() throws Exception {
        FakeKongNode kong = track(new FakeKongNode()).serveStatus(Fixtures.adminApi("status-3.9-dbless.json"))
                .serve("/", Fixtures.adminApi("root-3.9.json"));
        RunningExporter exporter = exporter("kong-1=" + kong.url(), 15_000);
        exporter.awaitScrape(Duration.ofSeconds(5), s -> s.value("kong_up", "node", "kong-1").orElse(0.0) == 1.0);

        SseSubscriber sse = track(SseSubscriber.connect(exporter.url("/events?topics=status")));
        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.contentType()).startsWith("text/event-stream");
        SseSubscriber.Event snapshot = sse.await(Duration.ofSeconds(5), e -> e.name().equals("status"));
        assertThat(snapshot).isNotNull();
        assertThat(sse.retry()).isEqualTo("3000");
        JsonNode doc = JSON.readTree(snapshot.data()).get("doc");
        assertThat(doc.get("connections").get("active").asLong()).isEqualTo(38);

        String status = new String(Fixtures.adminApi("status-3.9-dbless.json"), StandardCharsets.UTF_8);
        for (int active = 50; active < 55; active++) {
            kong.serveStatus(status.replace("\"connections_active\": 38", "\"connections_active\": " + active)
                    .replace("\"total_requests\": 20577931", "\"total_requests\": " + (20577931 + active)).getBytes(StandardCharsets.UTF_8));
            Thread.sleep(250);
        }
        Thread.sleep(400);
        for (SseSubscriber.Event e : sse.drain()) {
            assertThat(e.name()).isEqualTo("status-patch");
            assertThat(e.id()).isNotBlank();
            doc = JsonPatch.apply(doc, JSON.readTree(e.data()).get("patch"));
        }
        SseSubscriber fresh = track(SseSubscriber.connect(exporter.url("/events?topics=status")));
        JsonNode latest = JSON.readTree(fresh.await(Duration.ofSeconds(5), e -> e.name().equals("status")).data()).get("doc");
        JsonNode patched = doc;
        assertThat(patched.get("connections").get("active").asLong()).isEqualTo(54);
        var moreEvents = sse.drain();
        for (SseSubscriber.Event e : moreEvents) {
            patched = JsonPatch.apply(patched, JSON.readTree(e.data()).get("patch"));
        }
        assertThat(patched.get("connections")).isEqualTo(latest.get("connections"));
        assertThat(patched.get("requests")).isEqualTo(latest.get("requests"));
    }

    @Test
    void last_event_id_replays_what_was_missed_and_a_too_old_id_gets_a_snapshot() throws Exception {
        RunningExporter exporter = exporter(null, 15_000);
        SseSubscriber first = track(SseSubscriber.connect(exporter.url("/events?topics=alerts")));
        postAlerts(exporter, "firing", 1, 100);
        SseSubscriber.Event seen = first.await(Duration.ofSeconds(5), e -> e.name().equals("alert"));
        first.close();
        postAlerts(exporter, "firing", 2, 100);
        postAlerts(exporter, "firing", 3, 100);

        SseSubscriber again = track(SseSubscriber.connect(exporter.url("/events?topics=alerts"), "Last-Event-ID", seen.id()));
        SseSubscriber.Event a = again.next(Duration.ofSeconds(5));
        SseSubscriber.Event b = again.next(Duration.ofSeconds(5));
        assertThat(JSON.readTree(a.data()).get("labels").get("n").asText()).isEqualTo("2");
        assertThat(JSON.readTree(b.data()).get("labels").get("n").asText()).isEqualTo("3");
        assertThat(Long.parseLong(b.id())).isGreaterThan(Long.parseLong(a.id())).isGreaterThan(Long.parseLong(seen.id()));

        for (int i = 0; i < 5000; i++) {
            postAlerts(exporter, "firing", 100 + i, 10);
        }
        SseSubscriber late = track(SseSubscriber.connect(exporter.url("/events?topics=alerts,cluster"), "Last-Event-ID", seen.id()));
        SseSubscriber.Event afterGap = late.next(Duration.ofSeconds(2));
        assertThat(afterGap == null || !afterGap.data().contains("\"n\":\"2\"")).as("no replay from a buffer that lost the id").isTrue();
    }

    @Test
    void sends_a_comment_heartbeat_when_idle() {
        RunningExporter exporter = exporter(null, 200);
        SseSubscriber sse = track(SseSubscriber.connect(exporter.url("/events")));
        RunningExporter.sleep(1000);
        assertThat(sse.heartbeats()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_stalled_subscriber_is_dropped_while_a_fast_one_keeps_receiving() throws Exception {
        RunningExporter exporter = exporter(null, 15_000);
        SseSubscriber fast = track(SseSubscriber.connect(exporter.url("/events?topics=alerts")));
        Socket stalled = track(new Socket("127.0.0.1", exporter.app().port()));
        stalled.setReceiveBufferSize(4096);
        stalled.getOutputStream().write(("GET /events?topics=alerts HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        stalled.getOutputStream().flush();
        RunningExporter.sleep(300);
        assertThat(exporter.scrape().value("kong_exporter_sse_clients")).contains(2.0);

        int sent = 0;
        for (int i = 0; i < 120; i++) {
            postAlertGroup(exporter, i * 20, 20);
            sent += 20;
        }
        int received = 0;
        while (fast.next(Duration.ofSeconds(3)) != null) {
            if (++received == sent) {
                break;
            }
        }
        assertThat(received).as("the fast subscriber got every event").isEqualTo(sent);
        var scrape = exporter.awaitScrape(Duration.ofSeconds(5), s -> s.value("kong_exporter_sse_dropped_clients_total").orElse(0.0) >= 1);
        assertThat(scrape.value("kong_exporter_sse_dropped_clients_total")).contains(1.0);
        InputStream ignored = stalled.getInputStream();
        assertThat(ignored).isNotNull();
    }

    @Test
    void subscribers_beyond_max_clients_get_503() {
        RunningExporter exporter = exporter(null, 15_000, "--live.max_clients=2");
        track(SseSubscriber.connect(exporter.url("/events")));
        track(SseSubscriber.connect(exporter.url("/events")));
        SseSubscriber third = track(SseSubscriber.connect(exporter.url("/events")));
        assertThat(third.status()).isEqualTo(503);
    }

    @Test
    void topic_and_node_filters_select_what_a_subscriber_gets() throws Exception {
        FakeKongNode a = track(new FakeKongNode()).serveStatus(Fixtures.adminApi("status-3.9-dbless.json"));
        FakeKongNode b = track(new FakeKongNode()).serveStatus(Fixtures.adminApi("status-2.8-dbless.json"));
        RunningExporter exporter = exporter("a=" + a.url() + ",b=" + b.url(), 15_000);
        exporter.awaitScrape(Duration.ofSeconds(5), s -> s.value("kong_up", "node", "b").orElse(0.0) == 1.0
                && s.value("kong_up", "node", "a").orElse(0.0) == 1.0);
        SseSubscriber onlyB = track(SseSubscriber.connect(exporter.url("/events?topics=status&node=b")));
        SseSubscriber onlyCluster = track(SseSubscriber.connect(exporter.url("/events?topics=cluster")));
        RunningExporter.sleep(800);
        var bEvents = onlyB.drain().stream().filter(e -> !e.name().equals("snapshot")).toList();
        assertThat(bEvents).isNotEmpty().allSatisfy(e -> assertThat(JSON.readTree(e.data()).get("node").asText()).isEqualTo("b"));
        assertThat(onlyCluster.await(Duration.ofSeconds(3), e -> true)).as("the snapshot's start").isNotNull().satisfies(e -> assertThat(e.name()).isEqualTo("snapshot"));
        assertThat(onlyCluster.await(Duration.ofSeconds(3), e -> true)).isNotNull().satisfies(e -> assertThat(e.name()).isEqualTo("cluster"));
        assertThat(onlyCluster.drain()).allSatisfy(e -> assertThat(e.name()).isEqualTo("cluster"));
        assertThat(SseSubscriber.connect(exporter.url("/events?topics=bogus")).status()).isEqualTo(400);
    }

    @Test
    void per_second_traffic_is_published_only_for_seconds_with_traffic() throws Exception {
        RunningExporter exporter = exporter(null, 15_000);
        SseSubscriber sse = track(SseSubscriber.connect(exporter.url("/events?topics=traffic")));
        SseSubscriber orders = track(SseSubscriber.connect(exporter.url("/events?topics=traffic&service=orders-api")));
        RunningExporter.sleep(200);
        var batch = (com.fasterxml.jackson.databind.node.ArrayNode) JSON.readTree(Fixtures.httpLog("batch-3.9-five-entries.wire.json"));
        long second = (System.currentTimeMillis() - 1000) / 1000 * 1000; // all five end in one second (they last up to 41 ms)
        batch.forEach(e -> ((com.fasterxml.jackson.databind.node.ObjectNode) e).put("started_at", second + 100)); // a year old in the fixture: late
        exporter.post("/logs", batch.toString().getBytes(StandardCharsets.UTF_8));
        SseSubscriber.Event traffic = sse.await(Duration.ofSeconds(6), e -> e.name().equals("traffic"));
        assertThat(traffic).isNotNull();
        JsonNode point = JSON.readTree(traffic.data());
        assertThat(point.get("requests").asLong()).isEqualTo(5);
        assertThat(point.get("byClass").get("2xx").asLong() + point.get("byClass").get("4xx").asLong()).isEqualTo(5);
        assertThat(point.get("latency").get("request").get("p99").asDouble()).isGreaterThan(0);
        assertThat(point.get("topServices").get(0).get("service").asText()).isNotBlank();
        JsonNode perService = JSON.readTree(orders.await(Duration.ofSeconds(6), e -> e.name().equals("traffic")).data());
        assertThat(perService.get("service").asText()).isEqualTo("orders-api");
        assertThat(perService.get("requests").asLong()).isLessThanOrEqualTo(5).isGreaterThan(0);

        assertThat(sse.await(Duration.ofMillis(2500), e -> e.name().equals("traffic"))).as("no event for idle seconds").isNull();
        JsonNode history = JSON.readTree(exporter.get("/api/history?resolution=1s").body());
        assertThat(history.get("resolution").asText()).isEqualTo("1s");
        assertThat(history.get("points")).hasSize(1);
        assertThat(exporter.get("/api/history?resolution=5m").statusCode()).isEqualTo(400);
    }

    @Test
    void the_alertmanager_webhook_reaches_subscribers_and_the_firing_list() throws Exception {
        RunningExporter exporter = exporter(null, 15_000);
        SseSubscriber sse = track(SseSubscriber.connect(exporter.url("/events?topics=alerts")));
        String payload = """
                {"version":"4","groupKey":"{}:{alertname=\\"KongNodeDown\\"}","truncatedAlerts":0,"status":"firing","receiver":"kong-exporter",
                 "groupLabels":{"alertname":"KongNodeDown"},"commonLabels":{"alertname":"KongNodeDown","severity":"critical"},
                 "commonAnnotations":{},"externalURL":"http://alertmanager:9093",
                 "alerts":[{"status":"firing","labels":{"alertname":"KongNodeDown","severity":"critical","node":"demo-kong-3\\nevent: fake"},
                   "annotations":{"summary":"Kong node demo-kong-3 is down","description":"<script>x</script>"},
                   "startsAt":"2026-11-21T07:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph","fingerprint":"abc123"}]}
                """;
        assertThat(exporter.post("/alerts/webhook", payload.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        SseSubscriber.Event alert = sse.await(Duration.ofSeconds(5), e -> !e.name().equals("snapshot"));
        assertThat(alert.name()).as("input never becomes an event name").isEqualTo("alert");
        JsonNode data = JSON.readTree(alert.data());
        assertThat(data.get("status").asText()).isEqualTo("firing");
        assertThat(data.get("labels").get("node").asText()).isEqualTo("demo-kong-3\nevent: fake");
        assertThat(JSON.readTree(exporter.get("/api/alerts").body()).get("alerts")).hasSize(1);

        exporter.post("/alerts/webhook", payload.replace("\"status\":\"firing\",\"labels\"", "\"status\":\"resolved\",\"labels\"").getBytes(StandardCharsets.UTF_8));
        SseSubscriber.Event resolved = sse.await(Duration.ofSeconds(5), e -> true);
        assertThat(JSON.readTree(resolved.data()).get("status").asText()).isEqualTo("resolved");
        assertThat(JSON.readTree(exporter.get("/api/alerts").body()).get("alerts")).isEmpty();
        assertThat(exporter.post("/alerts/webhook", "nope".getBytes()).statusCode()).isEqualTo(400);
    }

    @Test
    void admin_api_paths_stream_only_from_the_allowlist_and_configured_nodes() throws Exception {
        FakeKongNode kong = track(new FakeKongNode()).serveStatus(Fixtures.adminApi("status-3.9-dbless.json"))
                .serve("/upstreams/orders/health", "{\"data\":[],\"next\":null}".getBytes())
                .serve("/consumers", "{\"data\":[{\"username\":\"secret\"}]}".getBytes());
        RunningExporter exporter = exporter("kong=" + kong.url(), 15_000);
        SseSubscriber status = track(SseSubscriber.connect(exporter.url("/stream/kong/status")));
        SseSubscriber.Event snapshot = status.await(Duration.ofSeconds(5), e -> e.name().equals("status"));
        assertThat(JSON.readTree(snapshot.data()).get("doc").get("server").get("connections_active").asLong()).isEqualTo(38);
        SseSubscriber health = track(SseSubscriber.connect(exporter.url("/stream/kong/upstreams/orders/health")));
        assertThat(health.await(Duration.ofSeconds(5), e -> e.name().equals("status"))).isNotNull();

        assertThat(exporter.get("/stream/kong/consumers").statusCode()).isEqualTo(404);
        assertThat(exporter.get("/stream/other/status").statusCode()).isEqualTo(404);
        assertThat(exporter.get("/stream/kong/status?size=1000").statusCode()).isEqualTo(404);
        assertThat(exporter.get("/stream/kong/upstreams/a/b/health").statusCode()).isEqualTo(404);
        assertThat(exporter.send("POST", "/stream/kong/status", new byte[0]).statusCode()).isEqualTo(404);
        assertThat(exporter.send("DELETE", "/stream/kong/status", new byte[0]).statusCode()).isEqualTo(404);
        assertThat(kong.requests()).noneMatch(r -> r.contains("consumers")).allMatch(r -> r.startsWith("GET "));
    }

    /** {@code count} alerts of about 16 KiB each (8 annotations of 2,000 bytes: what a webhook keeps at most). */
    private static void postAlertGroup(RunningExporter exporter, int from, int count) {
        StringBuilder alerts = new StringBuilder();
        for (int n = from; n < from + count; n++) {
            alerts.append(alerts.isEmpty() ? "" : ",").append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"Test\",\"n\":\"").append(n)
                    .append("\"},\"annotations\":{");
            for (int a = 0; a < 8; a++) {
                alerts.append(a == 0 ? "" : ",").append("\"a").append(a).append("\":\"").append("x".repeat(2000)).append('"');
            }
            alerts.append("},\"fingerprint\":\"g").append(n).append("\"}");
        }
        String payload = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[" + alerts + "]}";
        assertThat(exporter.post("/alerts/webhook", payload.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    }

    private static void postAlerts(RunningExporter exporter, String status, int n, int annotationBytes) {
        String payload = "{\"version\":\"4\",\"status\":\"" + status + "\",\"alerts\":[{\"status\":\"" + status + "\",\"labels\":{\"alertname\":\"Test\",\"n\":\""
                + n + "\"},\"annotations\":{\"description\":\"" + "x".repeat(annotationBytes) + "\"},\"fingerprint\":\"f" + n + "\"}]}";
        assertThat(exporter.post("/alerts/webhook", payload.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    }
}
