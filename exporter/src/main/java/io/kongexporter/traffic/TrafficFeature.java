package io.kongexporter.traffic;

import io.kongexporter.config.ConfigKey;
import io.kongexporter.core.Component;
import io.kongexporter.core.ConfigChange;
import io.kongexporter.core.RunningConfig;
import io.kongexporter.core.Threads;
import io.kongexporter.ingest.EntrySink;
import io.kongexporter.ingest.LogEntry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Traffic metrics as a feature: every accepted entry recorded into the request, latency, bandwidth and session
 * metrics, idle series swept. Series caps and the idle time apply live; naming, consumer label, buckets and extra
 * labels shape the metric families and need a restart.
 */
public final class TrafficFeature implements Component, EntrySink {
    /** Idle series are looked for every quarter of {@code metrics.series_ttl}, at most every minute. */
    private static final Duration LONGEST_SWEEP = Duration.ofMinutes(1);

    private final RunningConfig config;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Threads.daemon("series-sweeper"));
    private TrafficRecorder recorder;
    private long lastSweepNanos = System.nanoTime();

    public TrafficFeature(RunningConfig config) {
        this.config = config;
    }

    @Override
    public void register(PrometheusRegistry registry) {
        recorder = new TrafficRecorder(config.get().metrics(), config.get().ingest().extraLabels(), registry);
        registry.register(new SeriesUsageCollector(recorder, () -> config.get().metrics().maxSeries()));
    }

    @Override
    public void record(List<LogEntry> entries) {
        recorder.record(entries);
    }

    @Override
    public void start() {
        sweeper.scheduleWithFixedDelay(this::sweepWhenDue, 1, 1, TimeUnit.SECONDS);
    }

    private void sweepWhenDue() {
        Duration ttl = config.get().metrics().seriesTtl();
        Duration every = ttl.dividedBy(4).compareTo(LONGEST_SWEEP) < 0 ? ttl.dividedBy(4) : LONGEST_SWEEP;
        long now = System.nanoTime();
        if (now - lastSweepNanos >= every.toNanos()) {
            lastSweepNanos = now;
            recorder.removeIdle();
        }
    }

    @Override
    public Set<ConfigKey> apply(ConfigChange change) {
        recorder.applyLimits(change.next().metrics());
        return change.changedOf(ConfigKey.METRICS_NAMING, ConfigKey.METRICS_CONSUMER_LABEL, ConfigKey.METRICS_PER_CONSUMER, ConfigKey.METRICS_LATENCY_BUCKETS,
                ConfigKey.METRICS_LATENCY_LABELS, ConfigKey.INGEST_EXTRA_LABELS);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
