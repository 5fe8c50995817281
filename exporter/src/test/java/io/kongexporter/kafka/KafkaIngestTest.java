package io.kongexporter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka ingestion against a real broker ({@link KafkaBroker}: Kafka's own server in a JVM of its own, KRaft mode):
 * exact counting across a SIGKILL with two replicas in one group, an outage of the broker, a poison record.
 */
class KafkaIngestTest {
    static final int ENTRIES = 200_000;
    /** One Kong log entry as http-log and kafka-log serialize it (the same JSON; kong/plugins/kafka-log is Enterprise, its docs show the http-log body). */
    static final String ENTRY = new String(Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json"), StandardCharsets.UTF_8).trim();
    static final String ID = "\"id\":\"7d2a1c9f4b6e8a3d5c0f1e2b4a6c8d0e\"";

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        assertThat(ENTRY).contains(ID);
        broker = KafkaBroker.start(dir.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void two_replicas_count_every_entry_exactly_once_when_one_is_killed_mid_stream() throws Exception {
        KillAndRestart run = new KillAndRestart(broker, dir, "scraped", ENTRIES);
        long total = run.call();
        assertThat(run.killed()).as("a replica was killed mid-stream").isTrue();
        assertThat(total).as("sum over replica lifetimes of kong_http_requests_total, as Prometheus saw them: " + run.lifetimes()).isEqualTo(ENTRIES);
    }

    /** The same run with offsets committed once recorded: the killed replica's counted-and-committed entries since its last scrape are lost. */
    @Test
    void with_offsets_committed_when_recorded_a_killed_replica_loses_what_it_counted_since_its_last_scrape() throws Exception {
        KillAndRestart run = new KillAndRestart(broker, dir, "recorded", ENTRIES);
        long total = run.call();
        assertThat(run.killed()).as("a replica was killed mid-stream").isTrue();
        assertThat(total).as("sum over replica lifetimes: " + run.lifetimes()).isLessThan(ENTRIES);
    }

    @Test
    void keeps_serving_metrics_while_the_broker_is_down_and_resumes_when_it_is_back() throws Exception {
        String topic = "outage";
        broker.createTopic(topic, 3);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer();
             RunningExporter exporter = RunningExporter.start(Map.of(), flags(topic, "scraped").toArray(String[]::new))) {
            produce(producer, topic, "before", 100);
            Scrape before = exporter.awaitScrape(Duration.ofSeconds(30), s -> total(s) == 100 && value(s, "kong_exporter_kafka_up") == 1);
            assertThat(total(before)).isEqualTo(100);
            assertThat(value(before, "kong_exporter_kafka_up")).isEqualTo(1);

            broker.stop();
            Scrape down = exporter.awaitScrape(Duration.ofSeconds(20), s -> value(s, "kong_exporter_kafka_up") == 0);
            assertThat(value(down, "kong_exporter_kafka_up")).as("kong_exporter_kafka_up while the broker is down").isEqualTo(0);
            assertThat(total(down)).as("the counts stay exposed").isEqualTo(100);

            broker.startAgain();
            Scrape back = exporter.awaitScrape(Duration.ofSeconds(30), s -> value(s, "kong_exporter_kafka_up") == 1);
            assertThat(value(back, "kong_exporter_kafka_up")).isEqualTo(1);
            produce(producer, topic, "after", 100);
            Scrape resumed = exporter.awaitScrape(Duration.ofSeconds(30), s -> total(s) == 200);
            assertThat(total(resumed)).as("consumption resumed").isEqualTo(200);
        }
    }

    @Test
    void a_record_that_is_not_json_is_counted_invalid_and_the_records_after_it_are_counted() throws Exception {
        String topic = "poison";
        broker.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer();
             RunningExporter exporter = RunningExporter.start(Map.of(), flags(topic, "scraped").toArray(String[]::new))) {
            produce(producer, topic, "first", 1);
            producer.send(new ProducerRecord<>(topic, "not json {".getBytes(StandardCharsets.UTF_8))).get();
            produce(producer, topic, "after", 3);
            // an array per record is accepted too (Kong's batch shape)
            producer.send(new ProducerRecord<>(topic, Fixtures.httpLog("batch-3.9-five-entries.wire.json"))).get();
            Scrape scrape = exporter.awaitScrape(Duration.ofSeconds(30), s -> total(s) == 9);
            assertThat(total(scrape)).isEqualTo(9);
            assertThat(scrape.value(KafkaMetrics.RECORDS, "topic", topic, "result", "invalid")).contains(1.0);
            assertThat(scrape.value(KafkaMetrics.RECORDS, "topic", topic, "result", "accepted")).contains(5.0);
            assertThat(scrape.value(KafkaMetrics.ENTRIES, "topic", topic)).contains(9.0);
            assertThat(scrape.value(KafkaMetrics.LAG, "topic", topic, "partition", "0")).contains(0.0);
            assertThat(scrape.value(KafkaMetrics.ASSIGNED)).contains(1.0);
            KafkaMetricTable.check(scrape);
        }
    }

    /** An exporter's flags for one topic, group named after it, reading it from the start. */
    static List<String> flags(String topic, String commit) {
        return List.of("--ingest.kafka.bootstrap_servers=" + broker.bootstrapServers(), "--ingest.kafka.topics=" + topic,
                "--ingest.kafka.group_id=" + topic, "--ingest.kafka.start_from=earliest", "--ingest.kafka.session_timeout=6s",
                "--ingest.kafka.commit=" + commit);
    }

    /** Sends {@code count} entries with ids {@code <prefix>-<n>}, one a record, and waits for the broker's acknowledgement. */
    static void produce(KafkaProducer<byte[], byte[]> producer, String topic, String prefix, int count) throws Exception {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(producer.send(new ProducerRecord<>(topic, entry(prefix + "-" + i))));
        }
        for (java.util.concurrent.Future<?> future : sent) {
            future.get(30, TimeUnit.SECONDS);
        }
    }

    static byte[] entry(String id) {
        return ENTRY.replace(ID, "\"id\":\"" + id + "\"").getBytes(StandardCharsets.UTF_8);
    }

    static long total(Scrape scrape) {
        return Math.round(scrape.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum());
    }

    static double value(Scrape scrape, String name) {
        return scrape.value(name).orElse(-1.0);
    }

    static CompletableFuture<Void> async(ThrowingRunnable runnable) {
        return CompletableFuture.runAsync(() -> {
            try {
                runnable.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
