package io.kongexporter.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongexporter.support.SseSubscriber;
import io.kongfixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code traffic} events over real HTTP: entries posted to {@code /logs} as Kong's http-log sends them, with
 * {@code started_at} moved to just now (the fixtures' own times are a year old), read back from {@code /events}.
 */
class LiveTrafficTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTTP = "entry-3.9-proxied-200-consumer.json"; // latencies.request 41
    private static final String WEBSOCKET = "entry-3.9-websocket-custom-fields.json"; // 101, a 184,213 ms connection
    private static final String TCP = "entry-3.9-stream-tcp-session.json"; // a 5,234 ms session

    private RunningExporter exporter;
    private SseSubscriber sse;

    @BeforeEach
    void start() {
        exporter = RunningExporter.start(Map.of(), 15_000);
        sse = SseSubscriber.connect(exporter.url("/events?topics=traffic"));
    }

    @AfterEach
    void close() {
        sse.close();
        exporter.close();
    }

    @Test
    void http_requests_upgraded_connections_and_stream_sessions_are_counted_apart() throws Exception {
        long ended = System.currentTimeMillis() - 200;
        post(entry(HTTP, ended), entry(HTTP, ended), entry(WEBSOCKET, ended), entry(TCP, ended));

        JsonNode point = JSON.readTree(sse.await(Duration.ofSeconds(8), e -> e.name().equals("traffic")).data());

        assertThat(point.get("ts").asLong()).isEqualTo(ended / 1000);
        assertThat(point.get("requests").asLong()).as("HTTP entries, the WebSocket handshake included").isEqualTo(3);
        assertThat(point.get("byClass").get("1xx").asLong()).isEqualTo(1);
        assertThat(point.get("upgraded").get("connections").asLong()).isEqualTo(1);
        assertThat(point.get("upgraded").get("duration").get("max").asDouble()).isEqualTo(184_213);
        assertThat(point.get("latency").get("request").get("max").asDouble()).as("no connection lifetime").isEqualTo(41);
        assertThat(point.get("streams").get("sessions").asLong()).isEqualTo(1);
        assertThat(point.get("streams").get("duration").get("max").asDouble()).isEqualTo(5234);
        assertThat(point.get("streams").get("bandwidth").get("egress").asLong()).isEqualTo(65_536);
        Scrape scrape = exporter.scrape();
        double httpRequests = scrape.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum();
        assertThat(point.get("requests").asDouble()).as("requests = the increase of kong_http_requests_total").isEqualTo(httpRequests);
        assertThat(point.get("rolling").get("latency").get("request").get("p99").asDouble()).isEqualTo(41);
        JsonNode service = point.get("rolling").get("services").get(0);
        assertThat(service.get("service").asText()).as("the busiest service of the minute").isEqualTo(entry(HTTP, 0).get("service").get("name").asText());
        assertThat(service.get("requests").asLong()).isEqualTo(2);
        assertThat(service.get("p95").get("upstream").asDouble()).as("to within a 25 %% bucket")
                .isBetween(entry(HTTP, 0).get("latencies").get("proxy").asDouble(), entry(HTTP, 0).get("latencies").get("proxy").asDouble() * 1.25);
    }

    @Test
    void entries_count_in_the_second_they_ended_and_a_late_one_revises_a_held_second() throws Exception {
        long now = System.currentTimeMillis();
        long earlier = now - 6_000;
        post(entry(HTTP, earlier));
        post(entry(HTTP, now - 600_000));

        JsonNode point = JSON.readTree(sse.await(Duration.ofSeconds(8), e -> e.name().equals("traffic")).data());
        assertThat(point.get("ts").asLong()).as("the second the request ended, not the batch's arrival").isEqualTo(earlier / 1000);
        assertThat(point.get("requests").asLong()).isEqualTo(1);
        assertThat(sse.await(Duration.ofMillis(1500), e -> e.name().equals("traffic"))).as("one event per second with traffic").isNull();

        post(entry(HTTP, earlier), entry(HTTP, earlier));
        JsonNode revised = JSON.readTree(sse.await(Duration.ofSeconds(4), e -> e.name().equals("traffic")).data());
        assertThat(revised.get("ts").asLong()).isEqualTo(earlier / 1000);
        assertThat(revised.get("requests").asLong()).as("the revised second holds all three").isEqualTo(3);

        JsonNode history = JSON.readTree(exporter.get("/api/history?resolution=1s").body()).get("points");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("requests").asLong()).isEqualTo(3);
        assertThat(exporter.scrape().value("kong_exporter_live_late_entries_total")).as("ten minutes back: late").contains(1.0);
    }

    /** A fixture entry whose request (or session) ended at {@code endedMillis}, with a request id of its own. */
    static ObjectNode entry(String fixture, long endedMillis) throws Exception {
        ObjectNode entry = (ObjectNode) JSON.readTree(Fixtures.httpLog(fixture));
        JsonNode latencies = entry.get("latencies");
        long duration = latencies.has("session") ? latencies.get("session").asLong() : latencies.get("request").asLong();
        if (entry.has("request")) { // a request.id seen before is a duplicate Kong re-sent: not counted again
            ((ObjectNode) entry.get("request")).put("id", java.util.UUID.randomUUID().toString().replace("-", ""));
        }
        return entry.put("started_at", endedMillis - duration);
    }

    private void post(ObjectNode... entries) {
        ArrayNode batch = JSON.createArrayNode();
        for (ObjectNode e : entries) {
            batch.add(e);
        }
        assertThat(exporter.post("/logs", batch.toString().getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    }
}
