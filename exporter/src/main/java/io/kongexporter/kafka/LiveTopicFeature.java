package io.kongexporter.kafka;

import io.kongexporter.config.ConfigKey;
import io.kongexporter.config.KafkaConfig;
import io.kongexporter.core.Component;
import io.kongexporter.core.ConfigChange;
import io.kongexporter.core.RunningConfig;
import io.kongexporter.core.Threads;
import io.kongexporter.live.FleetLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * One live view across replicas: with {@code live.kafka_topic} set, this replica's per-second traffic goes to that
 * topic ({@link LiveTopicPublisher}) and everyone's is read back ({@link LiveTopicReader}), on the brokers and
 * security of {@code ingest.kafka}. Read at start only.
 */
public final class LiveTopicFeature implements Component {
    private final KafkaConfig kafka;
    private final Optional<String> topic;
    private final Optional<FleetLink> link;
    private final List<Thread> threads = new ArrayList<>();
    private LiveTopicPublisher publisher;
    private LiveTopicReader reader;

    public LiveTopicFeature(RunningConfig config, Optional<FleetLink> link) {
        this.kafka = config.get().kafka();
        this.topic = config.get().live().kafkaTopic();
        this.link = link;
    }

    @Override
    public void start() {
        if (link.isEmpty() || topic.isEmpty()) {
            return;
        }
        publisher = new LiveTopicPublisher(new KafkaProducer<>(KafkaClientSettings.liveWriter(kafka)), topic.get(), link.get());
        reader = new LiveTopicReader(new KafkaConsumer<>(KafkaClientSettings.liveReader(kafka)), topic.get(), link.get());
        link.get().sendVia(publisher);
        threads.add(Threads.daemon("live-topic-writer").newThread(publisher));
        threads.add(Threads.daemon("live-topic-reader").newThread(reader));
        threads.forEach(Thread::start);
    }

    @Override
    public Set<ConfigKey> apply(ConfigChange change) {
        return change.changedOf(ConfigKey.LIVE_KAFKA_TOPIC);
    }

    /** Tells the others this replica leaves (so they do not show it as missing), then stops reading. */
    @Override
    public void quiesce() {
        if (publisher == null) {
            return;
        }
        link.get().sendVia(share -> {});
        reader.stop();
        publisher.stop();
        for (Thread thread : threads) {
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        publisher = null;
    }

    @Override
    public void close() {
        quiesce();
    }
}
