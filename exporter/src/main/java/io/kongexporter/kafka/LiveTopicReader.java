package io.kongexporter.kafka;

import io.kongexporter.ingest.RateLimitedLog;
import io.kongexporter.live.FleetLink;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every replica's shares of the live view from {@code live.kafka_topic}: its own consumer, in no group (it
 * assigns itself every partition, from the end, and commits nothing, so it never touches the ingest group), hands
 * each record to the {@link FleetLink} (which merges or counts and skips it). Looks for new partitions every
 * {@link #PARTITIONS_EVERY}; while the topic is missing or the brokers are away it tries again every second.
 */
final class LiveTopicReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTopicReader.class);
    static final Duration PARTITIONS_EVERY = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final FleetLink link;
    private final RateLimitedLog failures = new RateLimitedLog(LOG, Duration.ofSeconds(30), "live topic reads failed");
    private volatile boolean running = true;
    private long partitionsCheckedNanos;

    LiveTopicReader(Consumer<byte[], byte[]> consumer, String topic, FleetLink link) {
        this.consumer = consumer;
        this.topic = topic;
        this.link = link;
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    if (consumer.assignment().isEmpty() || System.nanoTime() - partitionsCheckedNanos > PARTITIONS_EVERY.toNanos()) {
                        assignAll();
                    }
                    if (consumer.assignment().isEmpty()) {
                        Thread.sleep(1000);
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        link.receive(record.value());
                    }
                } catch (WakeupException e) {
                    return;
                } catch (KafkaException e) {
                    failures.note(e.getClass().getSimpleName());
                    Thread.sleep(1000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Every partition of the topic; the ones new to this reader start at their end. */
    private void assignAll() {
        partitionsCheckedNanos = System.nanoTime();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
        if (infos == null || infos.isEmpty()) {
            failures.note("topic " + topic + " not found");
            return;
        }
        List<TopicPartition> all = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
        List<TopicPartition> added = all.stream().filter(p -> !consumer.assignment().contains(p)).toList();
        if (added.isEmpty()) {
            return;
        }
        consumer.assign(all);
        consumer.seekToEnd(added);
        LOG.info("reading the fleet's live view from {} ({} partitions)", topic, all.size());
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }
}
