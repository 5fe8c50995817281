package io.kongexporter.traffic;

import io.kongexporter.config.MetricsConfig;
import io.kongexporter.ingest.EntrySink;
import io.kongexporter.ingest.LogEntry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/**
 * Turns http-log entries into Vitals-style traffic metrics: requests by service, route, code, source and workspace,
 * requests by consumer, latency histograms, bandwidth, stream sessions. The naming ({@link DefaultTrafficMetrics} or
 * {@link KongPluginTrafficMetrics}) is chosen once, here; memory is bounded by {@link TrafficSeries}.
 */
public final class TrafficRecorder implements EntrySink {
    private final TrafficSeries series;
    private final TrafficMetrics metrics;

    public TrafficRecorder(MetricsConfig config, List<String> extraLabels, PrometheusRegistry registry) {
        this.series = new TrafficSeries(config, extraLabels, registry);
        this.metrics = TrafficMetrics.of(config, series);
    }

    /** Records every entry of a batch; entries are counted exactly once. */
    @Override
    public void record(List<LogEntry> entries) {
        long now = System.currentTimeMillis();
        for (LogEntry entry : entries) {
            switch (entry.kind()) {
                case HTTP -> metrics.recordHttp(entry, now);
                case UPGRADED -> metrics.recordUpgraded(entry, now);
                case STREAM -> metrics.recordStream(entry, now);
            }
        }
    }

    /**
     * Applies reloaded limits (series per metric, values per label, TTL). Series already held stay; a lower cap only
     * stops new ones. Naming, consumer label, buckets and label sets need a restart.
     */
    public void applyLimits(MetricsConfig next) {
        series.applyLimits(next);
    }

    /** Removes series and label values idle for longer than the TTL. Called by a background sweeper. */
    public void removeIdle() {
        series.removeIdle();
    }

    /** Series held and overflows, per metric, for {@code kong_exporter_series} and {@code kong_exporter_series_overflow_total}. */
    public List<SeriesUsage> usage() {
        return series.usage();
    }

    /** Samples the traffic metrics expose now, and their limit {@code metrics.max_samples}. */
    public SampleUsage sampleUsage() {
        return series.sampleUsage();
    }

    /** Samples (lines of a text scrape) of all traffic metrics, and how many they may have. */
    public record SampleUsage(long samples, long limit) {}

    /** Label values truncated to {@code metrics.max_label_length}, per label. */
    public List<LabelTruncations> truncations() {
        return series.truncations();
    }

    /** Values of one label truncated to {@code metrics.max_label_length}. */
    public record LabelTruncations(String label, long count) {}

    /** Series held and overflows of one metric. */
    public record SeriesUsage(String metric, int series, long overflows) {}
}
