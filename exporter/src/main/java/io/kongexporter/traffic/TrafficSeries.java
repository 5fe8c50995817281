package io.kongexporter.traffic;

import io.kongexporter.config.MetricsConfig;
import io.kongexporter.core.Budget;
import io.kongexporter.ingest.LogEntry;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.StatefulMetric;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The series the traffic metrics hold, whatever their naming: a budget per metric ({@code metrics.max_series}), a
 * distinct-value limit per collapsible label ({@code metrics.max_label_values}), idle series and label values
 * forgotten after {@code metrics.series_ttl}. A naming registers its metrics here and admits label values through it.
 */
final class TrafficSeries {
    private final PrometheusRegistry registry;
    private final List<String> extraLabels;
    private volatile MetricsConfig config;
    private final Map<String, SeriesBudget> budgets = new HashMap<>();
    /**
     * The samples all traffic metrics may expose together ({@code metrics.max_samples}): lines of a text scrape, a
     * counter series one, a histogram series its buckets plus {@code +Inf}, {@code _count} and {@code _sum}.
     */
    private final Budget samples;
    private final boolean latencyByRoute;
    private final List<SeriesCache<?>> caches = new ArrayList<>();
    private final List<RouteSeries> routeCaches = new ArrayList<>();
    private final List<LabelValueLimit> limits = new ArrayList<>();
    private final LabelValueLimit services;
    private final LabelValueLimit routes;
    private final LabelValueLimit consumers;
    private final LabelValueLimit workspaces;
    private final LabelValueLimit[] extras;

    TrafficSeries(MetricsConfig config, List<String> extraLabels, PrometheusRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.extraLabels = List.copyOf(extraLabels);
        this.samples = new Budget(config.maxSamples());
        this.latencyByRoute = config.latencyLabels() == MetricsConfig.LatencyLabels.ROUTE;
        this.services = limit("service");
        this.routes = limit("route");
        this.consumers = limit("consumer");
        this.workspaces = limit("workspace");
        this.extras = this.extraLabels.stream().map(this::limit).toArray(LabelValueLimit[]::new);
    }

    String admitService(String raw, long now) {
        return services.admit(raw, now);
    }

    String admitRoute(String raw, long now) {
        return routes.admit(raw, now);
    }

    String admitWorkspace(String raw, long now) {
        return workspaces.admit(raw, now);
    }

    /** Routes found with one lookup per entry ({@link RouteSeries}); at most as many as a metric has series. */
    RouteSeries routeSeries(int slotsPerRoute) {
        RouteSeries cache = new RouteSeries(this, slotsPerRoute, config.maxSeries());
        routeCaches.add(cache);
        return cache;
    }

    /** The admitted consumer, or null for anonymous traffic. */
    String consumer(LogEntry e, MetricsConfig.ConsumerLabel mode, long now) {
        return admitConsumer(TrafficLabels.consumer(e, mode), now);
    }

    /** The admitted {@code raw} consumer value, or null for null. */
    String admitConsumer(String raw, long now) {
        return raw == null ? null : consumers.admit(raw, now);
    }

    /**
     * The labels of a latency histogram series: service, route and workspace, or with {@code metrics.latency_labels:
     * service} the route left empty (Prometheus treats an empty label as absent: one series per service). Read at
     * start: the histograms' series would otherwise mix both granularities.
     */
    String[] latencyLabels(String service, String route, String workspace) {
        return new String[] {service, latencyByRoute ? route : "", workspace};
    }

    /** {@link #latencyLabels(String, String, String)} of route labels (service, route, workspace); the same array when by route. */
    String[] latencyLabels(String[] routeLabels) {
        return latencyByRoute ? routeLabels : latencyLabels(routeLabels[0], routeLabels[1], routeLabels[2]);
    }

    /** The labels {@code ingest.extra_labels} adds to the request counter, in order. */
    List<String> extraLabels() {
        return extraLabels;
    }

    /** Writes the entry's admitted extra label values into {@code labels} from {@code from} on ("" when absent). */
    void putExtras(LogEntry e, String[] labels, int from, long now) {
        for (int i = 0; i < extras.length; i++) {
            String value = e.extraFields().get(extraLabels.get(i));
            labels[from + i] = value == null ? "" : extras[i].admit(value, now);
        }
    }

    SeriesCache<CounterDataPoint> counter(String name, String help, List<String> labels) {
        Counter counter = Counter.builder().name(name).help(help).labelNames(labels.toArray(String[]::new)).withoutExemplars().register(registry);
        return cache(name, labels, counter, counter::labelValues, 1);
    }

    SeriesCache<GaugeDataPoint> gauge(String name, String help, List<String> labels) {
        Gauge gauge = Gauge.builder().name(name).help(help).labelNames(labels.toArray(String[]::new)).withoutExemplars().register(registry);
        return cache(name, labels, gauge, gauge::labelValues, 1);
    }

    SeriesCache<DistributionDataPoint> histogram(String name, String help, double[] buckets, List<String> labels) {
        Histogram histogram = Histogram.builder().name(name).help(help).classicUpperBounds(buckets)
                .labelNames(labels.toArray(String[]::new)).withoutExemplars().register(registry);
        return cache(name, labels, histogram, histogram::labelValues, buckets.length + 3);
    }

    /** Applies reloaded limits (series per metric, values per label, TTL). Series already held stay; a lower cap only stops new ones. */
    void applyLimits(MetricsConfig next) {
        config = next;
        budgets.values().forEach(b -> b.setMax(next.maxSeries()));
        samples.setCapacity(next.maxSamples());
        limits.forEach(l -> {
            l.setMax(next.maxLabelValues());
            l.setMaxBytes(next.maxLabelLength());
        });
    }

    void removeIdle() {
        long olderThan = System.currentTimeMillis() - config.seriesTtl().toMillis();
        routeCaches.forEach(r -> r.forget(System.currentTimeMillis() - 60_000));
        caches.forEach(c -> c.removeIdle(olderThan));
        limits.forEach(l -> l.forgetIdle(olderThan));
    }

    List<TrafficRecorder.SeriesUsage> usage() {
        return budgets.values().stream().map(b -> new TrafficRecorder.SeriesUsage(b.metric(), b.used(), b.overflows()))
                .sorted(Comparator.comparing(TrafficRecorder.SeriesUsage::metric)).toList();
    }

    /** Label values truncated to {@code metrics.max_label_length}, per label, for {@code kong_exporter_label_truncations_total}. */
    List<TrafficRecorder.LabelTruncations> truncations() {
        return limits.stream().map(l -> new TrafficRecorder.LabelTruncations(l.label(), l.truncations())).toList();
    }

    private LabelValueLimit limit(String label) {
        LabelValueLimit limit = new LabelValueLimit(label, config.maxLabelValues(), config.maxLabelLength());
        limits.add(limit);
        return limit;
    }

    /**
     * Labels whose values never collapse to {@code __overflow__}: the exporter makes their values itself, few by nature.
     * Workspace does collapse: its value comes from the entry, so it is bounded like service and route.
     */
    private static boolean[] collapsible(List<String> labels) {
        boolean[] mask = new boolean[labels.size()];
        for (int i = 0; i < mask.length; i++) {
            String label = labels.get(i);
            mask[i] = !(label.equals("code") || label.equals("source") || label.equals("direction"));
        }
        return mask;
    }

    /** Samples all traffic metrics expose now and may expose ({@code metrics.max_samples}). */
    TrafficRecorder.SampleUsage sampleUsage() {
        return new TrafficRecorder.SampleUsage(samples.used(), samples.capacity());
    }

    private <D> SeriesCache<D> cache(String metric, List<String> labels, StatefulMetric<?, ?> owner, Function<String[], D> create,
                                     int samplesPerSeries) {
        SeriesBudget budget = budgets.computeIfAbsent(metric, m -> new SeriesBudget(m, config.maxSeries(), samplesPerSeries, samples));
        SeriesCache<D> cache = new SeriesCache<>(budget, collapsible(labels), create, owner::remove);
        caches.add(cache);
        return cache;
    }
}
