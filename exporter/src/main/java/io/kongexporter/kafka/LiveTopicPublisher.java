package io.kongexporter.kafka;

import io.kongexporter.live.FleetLink;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Sends this replica's shares of the live view to {@code live.kafka_topic}, keyed by replica id (one replica's shares
 * stay in order on one partition), from a thread of its own: the traffic ticker only offers a share to a queue of
 * {@link #QUEUED} and never waits for the brokers. A share that does not fit or fails is counted as unsent.
 */
final class LiveTopicPublisher implements Consumer<byte[]>, Runnable {
    static final int QUEUED = 64;
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final FleetLink link;
    private final byte[] key;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED);
    private volatile boolean running = true;

    LiveTopicPublisher(Producer<byte[], byte[]> producer, String topic, FleetLink link) {
        this.producer = producer;
        this.topic = topic;
        this.link = link;
        this.key = link.replica().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void accept(byte[] share) {
        if (!queue.offer(share)) {
            link.unsent();
        }
    }

    /** Sends what is queued until stopped; then that this replica leaves, waiting at most {@link #CLOSE_WAIT} for it. */
    @Override
    public void run() {
        try {
            while (running) {
                byte[] share = queue.poll(200, TimeUnit.MILLISECONDS);
                if (share != null) {
                    send(share);
                }
            }
            send(link.leaving());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(CLOSE_WAIT);
        }
    }

    private void send(byte[] share) {
        try {
            producer.send(new ProducerRecord<>(topic, key, share), (metadata, e) -> {
                if (e != null) {
                    link.unsent();
                }
            });
        } catch (KafkaException e) { // metadata not known within max.block.ms: the brokers are away
            link.unsent();
        }
    }

    void stop() {
        running = false;
    }
}
