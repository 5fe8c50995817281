package io.kongexporter.kafka;

import io.kongexporter.support.Scrape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * Two exporter replicas (JVMs of their own) in one group on a topic of 6 partitions while {@code entries} entries
 * with unique ids are produced; the test acts as Prometheus: it scrapes both every 200 ms and remembers the last
 * {@code kong_http_requests_total} per process lifetime. 150 ms after one of replica a's scrapes was answered (it
 * goes on consuming; no scrape in between), a quarter of the way through its share, a gets SIGKILL and is started
 * again. Returns the sum over lifetimes once
 * the group has committed every offset (and one more round of scrapes).
 */
final class KillAndRestart implements Callable<Long> {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    /** How long after its last answered scrape replica a is killed (Prometheus scrapes every 200 ms here). */
    private static final Duration KILL_AFTER_SCRAPE = Duration.ofMillis(150);

    private final KafkaBroker broker;
    private final Path dir;
    private final String commit;
    private final int entries;
    private final String topic;
    private final Map<String, Long> lifetimes = new LinkedHashMap<>();
    private boolean killed;

    KillAndRestart(KafkaBroker broker, Path dir, String commit, int entries) {
        this.broker = broker;
        this.dir = dir;
        this.commit = commit;
        this.entries = entries;
        this.topic = "kong-logs-" + commit;
    }

    boolean killed() {
        return killed;
    }

    /** The last value of {@code kong_http_requests_total} Prometheus saw, per replica lifetime. */
    Map<String, Long> lifetimes() {
        return lifetimes;
    }

    @Override
    public Long call() throws Exception {
        broker.createTopic(topic, 6);
        List<String> flags = KafkaIngestTest.flags(topic, commit);
        List<ExporterReplica> replicas = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            replicas.add(ExporterReplica.start(dir, topic + "-a-1", flags));
            replicas.add(ExporterReplica.start(dir, topic + "-b-1", flags));
            awaitGroupOf(replicas);
            CompletableFuture<Void> production = KafkaIngestTest.async(() -> {
                try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
                    for (int sent = 0; sent < entries; sent += 10_000) {
                        KafkaIngestTest.produce(producer, topic, commit + "-" + sent, Math.min(10_000, entries - sent));
                    }
                }
            });
            long deadline = System.nanoTime() + LIMIT.toNanos();
            boolean settled = false;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < replicas.size(); i++) {
                    ExporterReplica replica = replicas.get(i);
                    Optional<Scrape> scrape = replica.scrape();
                    scrape.ifPresent(s -> lifetimes.put(replica.name(), KafkaIngestTest.total(s)));
                    if (!killed && i == 0 && scrape.isPresent() && lifetimes.get(replica.name()) >= entries / 8) {
                        Thread.sleep(KILL_AFTER_SCRAPE.toMillis()); // still consuming, not scraped again: as a crash between two scrapes
                        replica.kill();
                        killed = true;
                        replicas.set(0, ExporterReplica.start(dir, topic + "-a-2", flags));
                    }
                }
                if (settled) {
                    break;
                }
                settled = production.isDone() && everythingCommitted(admin);
                Thread.sleep(200);
            }
            production.join();
            System.out.println("commit: " + commit + ", kong_http_requests_total per replica lifetime: " + lifetimes);
            return lifetimes.values().stream().mapToLong(Long::longValue).sum();
        } finally {
            replicas.forEach(ExporterReplica::close);
        }
    }

    /** Both replicas answer and the group has handed out all 6 partitions. */
    private void awaitGroupOf(List<ExporterReplica> replicas) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            double assigned = 0;
            boolean all = true;
            for (ExporterReplica replica : replicas) {
                Optional<Scrape> scrape = replica.scrape();
                all &= scrape.isPresent();
                assigned += scrape.flatMap(s -> s.value(KafkaMetrics.ASSIGNED)).orElse(0.0);
            }
            if (all && assigned == 6) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the replicas did not share the 6 partitions within 60 s:\n" + replicas.get(0).log() + "\n" + replicas.get(1).log());
    }

    /** The group's committed offset is the end of every partition: everything was counted and (scraped mode) scraped. */
    private boolean everythingCommitted(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(topic).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 6; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        var ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
        long end = 0;
        long done = 0;
        for (var partition : ends.entrySet()) {
            end += partition.getValue().offset();
            OffsetAndMetadata offset = committed.get(partition.getKey());
            done += offset == null ? 0 : offset.offset();
        }
        return end == entries && done == end;
    }
}
