package io.kongexporter.kafka;

import io.kongexporter.config.KafkaConfig;
import io.kongexporter.ingest.EntryPipeline;
import io.kongexporter.ingest.LogParseException;
import io.kongexporter.ingest.RateLimitedLog;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one consumer thread: polls, hands each record's bytes to the entry pipeline synchronously (nothing buffers
 * beyond the client's own fetch), and commits offsets as {@code ingest.kafka.commit} says:
 * <ul>
 * <li>{@code scraped}: when a scrape asks ({@link ScrapeCommits}), everything recorded so far, which that scrape
 * exposes; on a rebalance, everything recorded of the partitions revoked (this replica lives on and keeps exposing
 * their counts); on shutdown nothing more (what no scrape exposed dies with the process and is read again by the
 * partition's next owner).</li>
 * <li>{@code recorded}: everything recorded, after every poll, on a rebalance and on shutdown.</li>
 * </ul>
 * A record that is not JSON is counted invalid and skipped. While the brokers do not answer, {@code /metrics} is served
 * as ever and {@code kong_exporter_kafka_up} is 0; the client reconnects by itself.
 */
final class ConsumerLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration COMMIT_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final long PROBE_EVERY_UP_NANOS = Duration.ofSeconds(3).toNanos();
    private static final long PROBE_EVERY_DOWN_NANOS = Duration.ofSeconds(1).toNanos();

    private final KafkaConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final EntryPipeline pipeline;
    private final KafkaMetrics metrics;
    private final ScrapeCommits scrapes;
    private final RateLimitedLog skipped = new RateLimitedLog(LOG, Duration.ofSeconds(10), "Kafka records skipped");
    private final RateLimitedLog commitFailures = new RateLimitedLog(LOG, Duration.ofSeconds(10), "Kafka offset commits failed");
    /** Per partition, the offset after the last record whose entries are counted. */
    private final Map<TopicPartition, OffsetAndMetadata> recorded = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private volatile boolean running = true;
    private boolean closing;
    private Boolean up;
    private long nextProbeNanos;

    ConsumerLoop(KafkaConfig config, Consumer<byte[], byte[]> consumer, EntryPipeline pipeline, KafkaMetrics metrics, ScrapeCommits scrapes) {
        this.config = config;
        this.consumer = consumer;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.scrapes = scrapes;
    }

    private boolean scrapedMode() {
        return config.commit() == KafkaConfig.Commit.SCRAPED;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(config.topics(), new Rebalances());
            scrapes.serving(scrapedMode());
            while (running) {
                serveScrapes();
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (KafkaException e) {
                    LOG.warn("polling Kafka failed, retrying: {}", e.toString());
                    Thread.sleep(1000);
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    record(record);
                }
                if (!scrapedMode() && !records.isEmpty()) {
                    commit(recorded, "after a poll");
                }
                lag();
                probeIfDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the Kafka consumer stopped: {}", e.toString(), e);
        } finally {
            scrapes.serving(false);
            closing = true;
            if (!scrapedMode()) {
                commit(recorded, "at shutdown");
            }
            skipped.flush();
            commitFailures.flush();
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("closing the Kafka consumer: {}", e.toString());
            }
        }
    }

    /** Ends the loop after its current step; {@link #run} then closes the consumer (leaving the group). */
    void stop() {
        running = false;
    }

    private void record(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        int entries = 0;
        boolean accepted = false;
        if (value == null) {
            skipped.note("a record without a value");
        } else {
            try {
                entries = pipeline.accept(value, 0, value.length).accepted();
                accepted = true;
            } catch (LogParseException e) {
                skipped.note("a record that is not a JSON log entry or array of entries (" + e.getMessage() + ")");
            }
        }
        metrics.record(record.topic(), accepted, entries);
        recorded.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1, record.leaderEpoch(), ""));
    }

    /**
     * Commits what every waiting scrape is about to expose, answers them, and holds recording until they answered:
     * what they expose is exactly what is committed.
     */
    private void serveScrapes() throws InterruptedException {
        List<ScrapeCommits.Request> taken = scrapes.take();
        if (taken.isEmpty()) {
            return;
        }
        boolean ok = commit(recorded, "for a scrape");
        for (ScrapeCommits.Request request : taken) {
            request.done(ok);
        }
        long deadline = System.nanoTime() + ScrapeCommits.WAIT.toNanos();
        for (ScrapeCommits.Request request : taken) {
            request.awaitAnswered(deadline);
        }
    }

    /** Commits the offsets of {@code offsets} that are assigned and not committed yet; false (counted) if that failed. */
    private boolean commit(Map<TopicPartition, OffsetAndMetadata> offsets, String when) {
        Set<TopicPartition> assignment = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> due = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (assignment.contains(partition) && !offset.equals(committed.get(partition))) {
                due.put(partition, offset);
            }
        });
        if (due.isEmpty()) {
            return true;
        }
        if (Boolean.FALSE.equals(up) && !closing) {
            metrics.commitFailed();
            commitFailures.note(when + ": the brokers do not answer");
            return false;
        }
        try {
            consumer.commitSync(due, COMMIT_TIMEOUT);
            committed.putAll(due);
            return true;
        } catch (KafkaException e) {
            metrics.commitFailed();
            commitFailures.note(when + ": " + e.getClass().getSimpleName());
            return false;
        }
    }

    private void lag() {
        for (TopicPartition partition : consumer.assignment()) {
            consumer.currentLag(partition).ifPresent(lag -> metrics.lag(partition, lag));
        }
    }

    /** Asks the brokers something every few seconds (every second while they do not answer): {@code kong_exporter_kafka_up}. */
    private void probeIfDue() {
        long now = System.nanoTime();
        if (now - nextProbeNanos < 0) {
            return;
        }
        boolean answered;
        try {
            Set<TopicPartition> assignment = consumer.assignment();
            if (assignment.isEmpty()) {
                consumer.listTopics(PROBE_TIMEOUT);
            } else {
                consumer.endOffsets(assignment, PROBE_TIMEOUT);
            }
            answered = true;
        } catch (KafkaException e) {
            answered = false;
        }
        nextProbeNanos = System.nanoTime() + (answered ? PROBE_EVERY_UP_NANOS : PROBE_EVERY_DOWN_NANOS);
        metrics.up(answered);
        if (up == null ? !answered : up != answered) {
            if (answered) {
                LOG.info("Kafka brokers {} answer again", config.bootstrapServers());
            } else {
                LOG.warn("Kafka brokers {} do not answer; /metrics is served as ever, consumption resumes when they are back", config.bootstrapServers());
            }
        }
        up = answered;
    }

    private void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            recorded.remove(partition);
            committed.remove(partition);
            metrics.unassigned(partition);
        }
    }

    /** Called by the consumer inside {@code poll} (and {@code close}), on this thread. */
    private final class Rebalances implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!closing || !scrapedMode()) {
                Map<TopicPartition, OffsetAndMetadata> revoked = new HashMap<>();
                partitions.forEach(p -> {
                    if (recorded.containsKey(p)) {
                        revoked.put(p, recorded.get(p));
                    }
                });
                commit(revoked, "on a rebalance");
            }
            forget(partitions);
            metrics.assigned(consumer.assignment().size() - partitions.size());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
            metrics.assigned(0);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            metrics.rebalanced();
            metrics.assigned(consumer.assignment().size());
        }
    }
}
