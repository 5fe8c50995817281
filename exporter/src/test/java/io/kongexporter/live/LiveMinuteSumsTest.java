package io.kongexporter.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongexporter.support.SseSubscriber;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The traffic stream against {@code kong_http_requests_total}: traffic made as it happens, until just after the next
 * minute turns (each entry ends
 * when it is made, {@code started_at} = now minus its latency), in Kong's way (batches of up to 20, sent when full or
 * when the oldest waited a second, one batch re-sent), with WebSocket connections and TCP sessions in the mix. The
 * counter is scraped when the run starts, when a minute turns (after the entries that ended before it were sent) and
 * at the end; the stream's seconds summed over the same minutes must match its increase within 1 %, and a minute the
 * run covered to its end must match its 1-minute history point.
 */
@Timeout(100)
class LiveMinuteSumsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MIX = List.of(
            "entry-3.9-proxied-200-consumer.json", "entry-3.9-proxied-200-consumer.json", "entry-3.9-proxied-200-consumer.json",
            "entry-3.9-rejected-401-key-auth.json", "entry-3.9-retries-502-then-200.json", "entry-3.9-no-route-404-global-plugin.json",
            "entry-3.9-websocket-custom-fields.json", "entry-3.9-stream-tcp-session.json", "entry-3.9-stream-tcp-session.json");
    /** The run goes on this long after the first minute turned, so that one minute point is complete (4 to 64 s in all). */
    private static final long AFTER_THE_MINUTE_MILLIS = 4_000;
    private static final int BATCH = 20;

    @Test
    void per_minute_sums_of_the_traffic_stream_equal_the_increase_of_kong_http_requests_total() throws Exception {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), 15_000);
             SseSubscriber sse = SseSubscriber.connect(exporter.url("/events?topics=traffic"))) {
            SplittableRandom random = new SplittableRandom(11);
            TreeMap<Long, Double> counterAt = new TreeMap<>(); // epoch second -> kong_http_requests_total then
            long start = System.currentTimeMillis();
            counterAt.put(start / 1000, httpRequests(exporter));
            List<ObjectNode> queue = new ArrayList<>();
            long oldest = 0;
            long minute = start / 60_000;
            int made = 0;
            int sessions = 0;
            int websockets = 0;
            List<ObjectNode> resent = null;
            long stop = (start / 60_000 + 1) * 60_000 + AFTER_THE_MINUTE_MILLIS;
            while (System.currentTimeMillis() < stop) {
                long now = System.currentTimeMillis();
                if (now / 60_000 != minute) { // a minute turned: send what ended before it, then read the counter
                    post(exporter, queue);
                    minute = now / 60_000;
                    counterAt.put(minute * 60, httpRequests(exporter));
                }
                for (int i = random.nextInt(1, 6); i > 0; i--) {
                    String fixture = MIX.get(random.nextInt(MIX.size()));
                    ObjectNode entry = LiveTrafficTest.entry(fixture, Math.max(now - random.nextInt(30), now / 1000 * 1000));
                    sessions += fixture.contains("stream") ? 1 : 0;
                    websockets += fixture.contains("websocket") ? 1 : 0;
                    made++;
                    if (queue.isEmpty()) {
                        oldest = now;
                    }
                    queue.add(entry);
                    if (queue.size() == BATCH) {
                        resent = resent == null ? List.copyOf(queue) : resent;
                        post(exporter, queue);
                    }
                }
                if (!queue.isEmpty() && now - oldest >= 1000) {
                    post(exporter, queue);
                }
                Thread.sleep(random.nextInt(40, 120));
            }
            post(exporter, queue);
            assertThat(resent).as("a full batch was sent").isNotNull();
            post(exporter, new ArrayList<>(resent)); // Kong re-sends a batch it got no answer for: counted once by both
            counterAt.put(System.currentTimeMillis() / 1000 + 1, httpRequests(exporter));
            RunningExporter.sleep(HeldSeconds.SETTLE_SECONDS * 1000 + 2_500);

            Map<Long, Long> perSecond = new TreeMap<>(); // ts -> requests, the latest revision of each second
            for (SseSubscriber.Event e : sse.drain()) {
                if (e.name().equals("traffic")) {
                    JsonNode point = JSON.readTree(e.data());
                    perSecond.put(point.get("ts").asLong(), point.get("requests").asLong());
                }
            }
            assertThat(perSecond).as("seconds of traffic streamed").isNotEmpty();
            assertThat(sessions).isPositive();
            assertThat(websockets).isPositive();

            List<Long> bounds = new ArrayList<>(counterAt.keySet());
            for (int i = 0; i + 1 < bounds.size(); i++) {
                long from = bounds.get(i);
                long to = bounds.get(i + 1);
                long streamed = perSecond.entrySet().stream().filter(s -> s.getKey() >= from && s.getKey() < to).mapToLong(Map.Entry::getValue).sum();
                double increase = counterAt.get(to) - counterAt.get(from);
                assertThat(increase).as("HTTP requests made, from %d to %d", from, to).isPositive();
                assertThat((double) streamed).as("streamed requests from %d to %d (seconds %s)", from, to, perSecond)
                        .isCloseTo(increase, within(increase * 0.01));
            }
            double total = counterAt.lastEntry().getValue() - counterAt.firstEntry().getValue();
            assertThat(total).as("every HTTP entry (WebSocket handshakes too), no TCP session").isEqualTo(made - sessions);

            long firstMinute = start / 60_000 * 60; // the run covered the rest of its first minute: its 1-minute point
            JsonNode points = JSON.readTree(exporter.get("/api/history?resolution=1m").body()).get("points");
            JsonNode point = null;
            for (JsonNode p : points) {
                point = p.get("ts").asLong() == firstMinute ? p : point;
            }
            assertThat(point).as("the 1-minute point of %d in %s", firstMinute, points).isNotNull();
            double increase = counterAt.get(firstMinute + 60) - counterAt.firstEntry().getValue();
            assertThat(point.get("requests").asDouble()).isCloseTo(increase, within(increase * 0.01));
            assertThat(point.get("streams").get("sessions").asLong()).as("TCP sessions apart").isPositive();
            assertThat(point.get("upgraded").get("connections").asLong()).as("WebSocket connections apart").isPositive();
        }
    }

    private static double httpRequests(RunningExporter exporter) {
        Scrape scrape = exporter.scrape();
        return scrape.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum();
    }

    /** Sends the queued entries as one batch (if any) and empties the queue. */
    private static void post(RunningExporter exporter, List<ObjectNode> queue) {
        ArrayNode batch = JSON.createArrayNode();
        queue.forEach(batch::add);
        queue.clear();
        if (!batch.isEmpty()) {
            assertThat(exporter.post("/logs", batch.toString().getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        }
    }
}
