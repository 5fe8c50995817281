package io.kongexporter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kongexporter.support.Scrape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One live view across replicas ({@code live.kafka_topic}), against a real broker: two exporter replicas (JVMs of
 * their own) each receive a different part of the traffic over HTTP, as Kong's http-log spreads it over an upstream
 * of exporters; each one's {@code /api/history} (the points the {@code traffic} events carry) counts both parts in
 * every second. When one replica is killed, the other shows it missing in the seconds that follow, and its own
 * traffic alone, never a drop passed off as the fleet's.
 */
class LiveFleetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIVE_TOPIC = "kong-live";
    private static final int TO_A = 3;
    private static final int TO_B = 5;

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(dir.resolve("broker"));
        broker.createTopic(LIVE_TOPIC, 2);
        broker.createTopic("kong-logs", 2);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void each_replica_shows_the_whole_fleet_per_second_and_a_killed_replica_as_missing() throws Exception {
        List<String> flags = List.of("--ingest.kafka.bootstrap_servers=" + broker.bootstrapServers(), "--ingest.kafka.topics=kong-logs",
                "--ingest.kafka.group_id=fleet", "--live.kafka_topic=" + LIVE_TOPIC);
        try (ExporterReplica a = ExporterReplica.start(dir, "fleet-a", flags);
             ExporterReplica b = ExporterReplica.start(dir, "fleet-b", flags);
             KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            // both read the topic once each has merged a share of the other
            await(a, s -> merged(s) > 0, "replica a merged a share of b");
            await(b, s -> merged(s) > 0, "replica b merged a share of a");

            // a hostile topic: not JSON, a bucket out of range, over 64 KiB: each counted invalid and skipped
            producer.send(new ProducerRecord<>(LIVE_TOPIC, "not json {".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(LIVE_TOPIC, ("{\"v\":1,\"replica\":\"evil\",\"ts\":" + System.currentTimeMillis() / 1000
                    + ",\"http\":{\"n\":1,\"c\":[0,1,0,0,0],\"s\":1,\"k\":0,\"k5\":0,\"i\":0,\"e\":0},\"upgraded\":0,"
                    + "\"streams\":{\"n\":0,\"c\":[0,0,0,0,0],\"s\":0,\"k\":0,\"k5\":0,\"i\":0,\"e\":0},\"h\":{\"kong\":{\"b\":[99999,1],\"sum\":1,\"min\":1,\"max\":1}}}")
                    .getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(LIVE_TOPIC, ("{\"v\":1,\"replica\":\"big\",\"pad\":\"" + "x".repeat(70_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8))).get();
            for (ExporterReplica replica : List.of(a, b)) {
                Scrape scrape = await(replica, s -> invalid(s) == 3, replica.name() + " counted 3 invalid shares");
                assertThat(invalid(scrape)).as(replica.name() + ": invalid shares").isEqualTo(3);
            }

            // 8 rounds of traffic: every second has entries at both replicas
            Map<Long, Integer> fleet = new TreeMap<>();
            for (int round = 0; round < 8; round++) {
                long second = System.currentTimeMillis() / 1000 - 1;
                post(a, "a-" + round, second, TO_A);
                post(b, "b-" + round, second, TO_B);
                fleet.merge(second, TO_A + TO_B, Integer::sum);
                Thread.sleep(500);
            }
            long last = ((TreeMap<Long, Integer>) fleet).lastKey();
            Map<Long, JsonNode> seenByA = awaitHistory(a, last);
            Map<Long, JsonNode> seenByB = awaitHistory(b, last);
            TreeSet<String> both = new TreeSet<>();
            for (Map.Entry<Long, Integer> second : fleet.entrySet()) {
                for (Map<Long, JsonNode> history : List.of(seenByA, seenByB)) {
                    JsonNode point = history.get(second.getKey());
                    assertThat(point).as("second " + second.getKey() + " in the history").isNotNull();
                    assertThat(point.path("requests").asInt()).as("fleet requests of second " + second.getKey() + ": " + point).isEqualTo(second.getValue());
                    assertThat(point.path("replicas").path("scope").asText()).isEqualTo("fleet");
                    assertThat(point.path("replicas").path("seen")).as("replicas seen " + point.path("replicas")).hasSize(2);
                    assertThat(point.path("replicas").path("missing")).as("replicas missing").isEmpty();
                    point.path("replicas").path("seen").forEach(id -> both.add(id.asText()));
                }
            }
            assertThat(both).as("the same two replica ids everywhere").hasSize(2);

            b.kill();
            Thread.sleep(1500); // b's last seconds may still be settling: look at the seconds after
            Map<Long, Integer> alone = new TreeMap<>();
            for (int round = 0; round < 6; round++) {
                long second = System.currentTimeMillis() / 1000 - 1;
                post(a, "a-after-" + round, second, TO_A);
                alone.merge(second, TO_A, Integer::sum);
                Thread.sleep(500);
            }
            Map<Long, JsonNode> afterKill = awaitHistory(a, ((TreeMap<Long, Integer>) alone).lastKey());
            List<String> missingIds = new ArrayList<>();
            for (Map.Entry<Long, Integer> second : alone.entrySet()) {
                JsonNode point = afterKill.get(second.getKey());
                assertThat(point).as("second " + second.getKey() + " after the kill").isNotNull();
                assertThat(point.path("requests").asInt()).as("a's own requests, second " + second.getKey()).isEqualTo(second.getValue());
                assertThat(point.path("replicas").path("seen")).as("seen after the kill: " + point.path("replicas")).hasSize(1);
                assertThat(point.path("replicas").path("missing")).as("missing after the kill: " + point.path("replicas")).hasSize(1);
                String seen = point.path("replicas").path("seen").get(0).asText();
                String missing = point.path("replicas").path("missing").get(0).asText();
                assertThat(both).contains(seen, missing);
                assertThat(missing).isNotEqualTo(seen);
                missingIds.add(missing);
            }
            assertThat(new TreeSet<>(missingIds)).as("one replica, b, is missing").hasSize(1);

            // a second no longer held is stale; replicas beyond 32 are refused (a, b and 30 others are tracked)
            long now = System.currentTimeMillis() / 1000;
            producer.send(new ProducerRecord<>(LIVE_TOPIC, emptyShare("old", now - 3600))).get();
            for (int i = 0; i < 32; i++) {
                producer.send(new ProducerRecord<>(LIVE_TOPIC, emptyShare("other-" + i, now))).get();
            }
            Scrape scrape = await(a, s -> s.value("kong_exporter_live_fleet_shares_total", "result", "refused").orElse(0.0) == 2, "2 shares refused");
            assertThat(scrape.value("kong_exporter_live_fleet_shares_total", "result", "stale")).contains(1.0);
            KafkaMetricTable.check(scrape, "live-fleet-metric-table", "kong_exporter_live_fleet_");
        }
    }

    /** A well-formed share of a second without traffic. */
    private static byte[] emptyShare(String replica, long second) {
        String counts = "{\"n\":0,\"c\":[0,0,0,0,0],\"s\":0,\"k\":0,\"k5\":0,\"i\":0,\"e\":0}";
        return ("{\"v\":1,\"replica\":\"" + replica + "\",\"ts\":" + second + ",\"http\":" + counts + ",\"upgraded\":0,\"streams\":" + counts + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} entries that ended in {@code second}, posted as one http-log batch. */
    private static void post(ExporterReplica replica, String prefix, long second, int count) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            String entry = new String(KafkaIngestTest.entry(prefix + "-" + i), StandardCharsets.UTF_8)
                    // 100 ms into the second; latencies.request is 41 ms, so the request ended in the same second
                    .replace("\"started_at\":1750156812345", "\"started_at\":" + (second * 1000 + 100));
            batch.append(i == 0 ? "" : ",").append(entry);
        }
        Optional<String> answer = replica.post("/logs", batch.append(']').toString());
        assertThat(answer).as(replica.name() + " accepted the batch").isPresent();
    }

    /** The 1-second history once it holds {@code last} (the fleet publishes a second about 4 s after it ended). */
    private static Map<Long, JsonNode> awaitHistory(ExporterReplica replica, long last) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Map<Long, JsonNode> points = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            points.clear();
            Optional<String> body = replica.get("/api/history?resolution=1s");
            if (body.isPresent()) {
                JSON.readTree(body.get()).path("points").forEach(p -> points.put(p.path("ts").asLong(), p));
            }
            if (points.containsKey(last)) {
                Thread.sleep(1500); // a revision would come within a second or so
                return awaitOnce(replica);
            }
            Thread.sleep(250);
        }
        throw new AssertionError(replica.name() + " never showed second " + last + ": " + points.keySet() + "\n" + replica.log());
    }

    private static Map<Long, JsonNode> awaitOnce(ExporterReplica replica) throws Exception {
        Map<Long, JsonNode> points = new TreeMap<>();
        JSON.readTree(replica.get("/api/history?resolution=1s").orElseThrow()).path("points").forEach(p -> points.put(p.path("ts").asLong(), p));
        return points;
    }

    private static Scrape await(ExporterReplica replica, Predicate<Scrape> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        Optional<Scrape> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = replica.scrape();
            if (last.isPresent() && condition.test(last.get())) {
                return last.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within 40 s: " + what + "\n" + last.map(Scrape::text).orElse("(no scrape)") + "\n" + replica.log());
    }

    private static double merged(Scrape scrape) {
        return scrape.value("kong_exporter_live_fleet_shares_total", "result", "merged").orElse(0.0);
    }

    private static double invalid(Scrape scrape) {
        return scrape.value("kong_exporter_live_fleet_shares_total", "result", "invalid").orElse(0.0);
    }
}
