package io.kongexporter.kafka;

import io.kongexporter.config.ConfigKey;
import io.kongexporter.config.KafkaConfig;
import io.kongexporter.core.Component;
import io.kongexporter.core.ConfigChange;
import io.kongexporter.core.RunningConfig;
import io.kongexporter.core.Threads;
import io.kongexporter.ingest.EntryPipeline;
import io.kongexporter.web.ScrapeListener;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's kafka-log entries read from Kafka on a consumer group: one consumer thread hands every record to the shared
 * {@link EntryPipeline} (the same parsing, de-duplication and traffic metrics as http-log). Replicas in one group
 * split the partitions; {@code sum} over replicas is the fleet. Off when {@code ingest.kafka.bootstrap_servers} is
 * unset. Every {@code ingest.kafka.*} key is read at start only.
 */
public final class KafkaIngestFeature implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestFeature.class);
    private static final ConfigKey[] KEYS = Arrays.stream(ConfigKey.values()).filter(k -> k.path().startsWith("ingest.kafka.")).toArray(ConfigKey[]::new);

    private final KafkaConfig config;
    private final EntryPipeline pipeline;
    private KafkaMetrics metrics;
    private ScrapeCommits scrapes;
    private ConsumerLoop loop;
    private Thread thread;

    public KafkaIngestFeature(RunningConfig config, EntryPipeline pipeline) {
        this.config = config.get().kafka();
        this.pipeline = pipeline;
    }

    @Override
    public void register(PrometheusRegistry registry) {
        if (config.enabled()) {
            metrics = new KafkaMetrics(registry, config.topics());
            scrapes = new ScrapeCommits(metrics::commitFailed);
        }
    }

    /** What {@code /metrics} tells before it collects and after it answered: the scraped-mode commits. */
    public ScrapeListener scrapeListener() {
        return scrapes == null ? ScrapeListener.NONE : scrapes;
    }

    @Override
    public void start() {
        if (!config.enabled()) {
            return;
        }
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientSettings.consumer(config));
        loop = new ConsumerLoop(config, consumer, pipeline, metrics, scrapes);
        ThreadFactory threads = Threads.daemon("kafka-consumer");
        thread = threads.newThread(loop);
        thread.start();
        LOG.info("reading Kong log entries from Kafka {} topics {} in group {} (offsets committed when {})", config.bootstrapServers(),
                config.topics(), config.groupId(), config.commit().value());
    }

    @Override
    public Set<ConfigKey> apply(ConfigChange change) {
        return change.changedOf(KEYS);
    }

    /** Stops consuming before the other features close: the consumer leaves its group, its partitions go to the others. */
    @Override
    public void quiesce() {
        if (loop == null) {
            return;
        }
        loop.stop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        quiesce();
    }
}
