package io.kongexporter.traffic;

import io.kongexporter.metrics.MetricFamily;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * {@code kong_exporter_series{metric}}, {@code kong_exporter_series_limit{metric}} and
 * {@code kong_exporter_series_overflow_total{metric}}, read at scrape time; the limit is {@code metrics.max_series} of
 * the configuration in force (it applies live); {@code kong_exporter_label_truncations_total{label}}.
 */
public final class SeriesUsageCollector implements MultiCollector {
    private final TrafficRecorder recorder;
    private final IntSupplier maxSeries;

    public SeriesUsageCollector(TrafficRecorder recorder, IntSupplier maxSeries) {
        this.recorder = recorder;
        this.maxSeries = maxSeries;
    }

    @Override
    public MetricSnapshots collect() {
        MetricFamily series = MetricFamily.gauge("kong_exporter_series", "Series a traffic metric holds now (bounded by metrics.max_series).");
        MetricFamily limit = MetricFamily.gauge("kong_exporter_series_limit",
                "Series a traffic metric may hold (metrics.max_series); beyond it new label sets are recorded as __overflow__.");
        MetricFamily overflow = MetricFamily.counter("kong_exporter_series_overflow_total",
                "Label sets of a traffic metric that did not fit its series limit, the label-value limit or the samples limit (metrics.max_samples) and were recorded as __overflow__.");
        int max = maxSeries.getAsInt();
        for (TrafficRecorder.SeriesUsage usage : recorder.usage()) {
            series.add(usage.series(), "metric", usage.metric());
            limit.add(max, "metric", usage.metric());
            overflow.add(usage.overflows(), "metric", usage.metric());
        }
        MetricFamily truncations = MetricFamily.counter("kong_exporter_label_truncations_total",
                "Label values taken from entries that were longer than metrics.max_label_length bytes and were truncated, by label.");
        for (TrafficRecorder.LabelTruncations label : recorder.truncations()) {
            truncations.add(label.count(), "label", label.label());
        }
        TrafficRecorder.SampleUsage usage = recorder.sampleUsage();
        MetricFamily samples = MetricFamily.gauge("kong_exporter_samples",
                "Samples all traffic metrics expose now (lines of a text scrape; a histogram series is its buckets + 3), bounded by metrics.max_samples.");
        samples.add(usage.samples());
        MetricFamily samplesLimit = MetricFamily.gauge("kong_exporter_samples_limit",
                "Samples all traffic metrics may expose (metrics.max_samples); beyond it new label sets are recorded as __overflow__.");
        samplesLimit.add(usage.limit());
        return MetricFamily.snapshots(List.of(series, limit, overflow, truncations, samples, samplesLimit));
    }
}
