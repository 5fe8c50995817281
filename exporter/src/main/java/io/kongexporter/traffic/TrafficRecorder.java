package io.kongexporter.traffic;

import io.kongexporter.config.MetricsConfig;
import io.kongexporter.ingest.EntrySink;
import io.kongexporter.ingest.LogEntry;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
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
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * Turns http-log entries into Vitals-style traffic metrics: requests by service, route, code, source and workspace,
 * requests by consumer, latency histograms (classic buckets and native), bandwidth, stream sessions. One metric
 * model; {@link TrafficNaming} decides names, units and label layout. Memory is bounded by a series budget per
 * metric and a distinct-value limit per label; idle series are removed after the TTL.
 */
public final class TrafficRecorder implements EntrySink {
    private final TrafficNaming naming;
    private volatile MetricsConfig config;
    private final List<String> extraLabels;
    private final Map<String, SeriesBudget> budgets = new HashMap<>();
    private final List<SeriesCache<?>> caches = new ArrayList<>();
    private final List<LabelValueLimit> limits = new ArrayList<>();
    private final LabelValueLimit services;
    private final LabelValueLimit routes;
    private final LabelValueLimit consumers;
    private final LabelValueLimit workspaces;
    private final LabelValueLimit[] extras;

    private final SeriesCache<CounterDataPoint> requests;
    private final SeriesCache<CounterDataPoint> consumerRequests;
    private final SeriesCache<DistributionDataPoint> requestLatency;
    private final SeriesCache<DistributionDataPoint> upstreamLatency;
    private final SeriesCache<DistributionDataPoint> proxyLatency;
    private final SeriesCache<DoubleConsumer> bandwidth;
    private final SeriesCache<CounterDataPoint> streamSessions;
    private final SeriesCache<DistributionDataPoint> sessionDuration;

    public TrafficRecorder(MetricsConfig config, List<String> extraLabels, PrometheusRegistry registry) {
        this.naming = TrafficNaming.of(config);
        this.config = config;
        this.extraLabels = List.copyOf(extraLabels);
        this.services = limit("service");
        this.routes = limit("route");
        this.consumers = limit("consumer");
        this.workspaces = limit("workspace");
        this.extras = extraLabels.stream().map(this::limit).toArray(LabelValueLimit[]::new);

        List<String> requestLabels = new ArrayList<>(List.of("service", "route", "code", "source", "workspace"));
        if (naming.consumerOnRequests()) {
            requestLabels.add("consumer");
        }
        requestLabels.addAll(extraLabels);
        requests = counter(naming.requests(), "HTTP requests Kong served, by service, route, status code, source (service: the upstream answered; kong: Kong did) and workspace.",
                requestLabels, registry);
        consumerRequests = naming.consumerRequests() == null ? null
                : counter(naming.consumerRequests(), "HTTP requests of authenticated consumers, by consumer, service, route and status code.",
                        List.of("consumer", "service", "route", "code"), registry);
        String unit = naming.latencyScale() == 1.0 ? "milliseconds" : "seconds";
        List<String> routeLabels = List.of("service", "route", "workspace");
        requestLatency = histogram(naming.requestLatency(), "Time from the first byte of the client request to the last byte sent back (latencies.request), in " + unit + ".",
                naming.upstreamBuckets(), routeLabels, registry);
        upstreamLatency = histogram(naming.upstreamLatency(), "Time the upstream took to send the first byte of its response (latencies.proxy; absent when not proxied), in " + unit + ".",
                naming.upstreamBuckets(), routeLabels, registry);
        proxyLatency = histogram(naming.proxyLatency(), "Time spent in Kong and its plugins (latencies.kong, the X-Kong-Proxy-Latency header), in " + unit + ".",
                naming.proxyBuckets(), routeLabels, registry);
        bandwidth = bandwidth(registry);
        List<String> streamLabels = naming.streamSource()
                ? List.of("service", "route", "code", "source", "workspace")
                : List.of("service", "route", "code", "workspace");
        streamSessions = counter(naming.streamSessions(), "Stream (tcp, tls, udp) sessions Kong proxied, by service, route and session status.",
                streamLabels, registry);
        sessionDuration = histogram(naming.sessionDuration(), "Duration of stream sessions (latencies.session), in " + unit + ".",
                naming.upstreamBuckets(), routeLabels, registry);
    }

    /** Records every entry of a batch; entries are counted exactly once. */
    @Override
    public void record(List<LogEntry> entries) {
        long now = System.currentTimeMillis();
        for (LogEntry entry : entries) {
            if (entry.stream()) {
                recordStream(entry, now);
            } else {
                recordHttp(entry, now);
            }
        }
    }

    private void recordHttp(LogEntry e, long now) {
        String service = services.admit(TrafficLabels.service(e), now);
        String route = routes.admit(TrafficLabels.route(e), now);
        String workspace = workspaces.admit(TrafficLabels.workspace(e), now);
        String code = TrafficLabels.code(e.status());
        String rawConsumer = TrafficLabels.consumer(e, config.consumerLabel());
        String consumer = rawConsumer == null ? null : consumers.admit(rawConsumer, now);

        String[] labels = new String[5 + (naming.consumerOnRequests() ? 1 : 0) + extraLabels.size()];
        labels[0] = service;
        labels[1] = route;
        labels[2] = code;
        labels[3] = TrafficLabels.source(e);
        labels[4] = workspace;
        int next = 5;
        if (naming.consumerOnRequests()) {
            labels[next++] = consumer == null ? "" : consumer;
        }
        for (int i = 0; i < extraLabels.size(); i++) {
            String value = e.extraFields().get(extraLabels.get(i));
            labels[next++] = value == null ? "" : extras[i].admit(value, now);
        }
        if (service == LabelValueLimit.OVERFLOW || route == LabelValueLimit.OVERFLOW || hasOverflow(labels, 5)) {
            budget(naming.requests()).countOverflow();
        }
        requests.get(labels, now).inc();
        if (consumerRequests != null && consumer != null) {
            if (consumer == LabelValueLimit.OVERFLOW) {
                budget(naming.consumerRequests()).countOverflow();
            }
            consumerRequests.get(new String[] {consumer, service, route, code}, now).inc();
        }

        String[] routeLabels = {service, route, workspace};
        observe(requestLatency, routeLabels, e.latencyRequest(), now);
        observe(upstreamLatency, routeLabels, e.latencyProxy(), now);
        observe(proxyLatency, routeLabels, e.latencyKong(), now);
        String bandwidthConsumer = naming.consumerOnRequests() ? (consumer == null ? "" : consumer) : null;
        addBandwidth(service, route, workspace, bandwidthConsumer, e.requestSize(), e.responseSize(), now);
    }

    private static boolean hasOverflow(String[] labels, int from) {
        for (int i = from; i < labels.length; i++) {
            if (labels[i] == LabelValueLimit.OVERFLOW) {
                return true;
            }
        }
        return false;
    }

    private void recordStream(LogEntry e, long now) {
        String service = services.admit(TrafficLabels.service(e), now);
        String route = routes.admit(TrafficLabels.route(e), now);
        String workspace = workspaces.admit(TrafficLabels.workspace(e), now);
        String code = TrafficLabels.code(e.status());
        String[] labels = naming.streamSource()
                ? new String[] {service, route, code, e.tries() > 0 ? "service" : "kong", workspace}
                : new String[] {service, route, code, workspace};
        streamSessions.get(labels, now).inc();
        String[] routeLabels = {service, route, workspace};
        observe(sessionDuration, routeLabels, e.latencySession(), now);
        if (naming.consumerOnRequests()) {
            observe(proxyLatency, routeLabels, e.latencyKong(), now);
        }
        addBandwidth(service, route, workspace, naming.consumerOnRequests() ? "" : null, e.requestSize(), e.responseSize(), now);
    }

    private void observe(SeriesCache<DistributionDataPoint> histogram, String[] labels, double millis, long now) {
        if (millis >= 0) {
            histogram.get(labels, now).observe(millis * naming.latencyScale());
        }
    }

    private void addBandwidth(String service, String route, String workspace, String consumer, long ingress, long egress, long now) {
        if (ingress > 0) {
            bandwidth.get(bandwidthLabels(service, route, "ingress", workspace, consumer), now).accept(ingress);
        }
        if (egress > 0) {
            bandwidth.get(bandwidthLabels(service, route, "egress", workspace, consumer), now).accept(egress);
        }
    }

    private static String[] bandwidthLabels(String service, String route, String direction, String workspace, String consumer) {
        return consumer == null
                ? new String[] {service, route, direction, workspace}
                : new String[] {service, route, direction, workspace, consumer};
    }

    /**
     * Applies reloaded limits (series per metric, values per label, TTL). Series already held stay; a lower cap only
     * stops new ones. Naming and label sets need a restart.
     */
    public void applyLimits(MetricsConfig next) {
        config = next;
        budgets.values().forEach(b -> b.setMax(next.maxSeries()));
        limits.forEach(l -> l.setMax(next.maxLabelValues()));
    }

    /** Removes series and label values idle for longer than the TTL. Called by a background sweeper. */
    public void removeIdle() {
        long olderThan = System.currentTimeMillis() - config.seriesTtl().toMillis();
        caches.forEach(c -> c.removeIdle(olderThan));
        limits.forEach(l -> l.forgetIdle(olderThan));
    }

    /** Series held and overflows, per metric, for {@code kong_exporter_series} and {@code kong_exporter_series_overflow_total}. */
    public List<SeriesUsage> usage() {
        return budgets.values().stream().map(b -> new SeriesUsage(b.metric(), b.used(), b.overflows()))
                .sorted(Comparator.comparing(SeriesUsage::metric)).toList();
    }

    /** Series held and overflows of one metric. */
    public record SeriesUsage(String metric, int series, long overflows) {}

    private LabelValueLimit limit(String label) {
        LabelValueLimit limit = new LabelValueLimit(label, config.maxLabelValues());
        limits.add(limit);
        return limit;
    }

    private SeriesBudget budget(String metric) {
        return budgets.computeIfAbsent(metric, m -> new SeriesBudget(m, config.maxSeries()));
    }

    private static boolean[] collapsible(List<String> labels) {
        boolean[] mask = new boolean[labels.size()];
        for (int i = 0; i < mask.length; i++) {
            String label = labels.get(i);
            mask[i] = !(label.equals("code") || label.equals("source") || label.equals("workspace") || label.equals("direction"));
        }
        return mask;
    }

    private <D> SeriesCache<D> cache(String metric, List<String> labels, StatefulMetric<?, ?> owner, Function<String[], D> create) {
        SeriesCache<D> cache = new SeriesCache<>(budget(metric), collapsible(labels), create, owner::remove);
        caches.add(cache);
        return cache;
    }

    private SeriesCache<CounterDataPoint> counter(String name, String help, List<String> labels, PrometheusRegistry registry) {
        Counter counter = Counter.builder().name(name).help(help).labelNames(labels.toArray(String[]::new)).withoutExemplars().register(registry);
        return cache(name, labels, counter, counter::labelValues);
    }

    private SeriesCache<DistributionDataPoint> histogram(String name, String help, double[] buckets, List<String> labels, PrometheusRegistry registry) {
        Histogram histogram = Histogram.builder().name(name).help(help).classicUpperBounds(buckets)
                .labelNames(labels.toArray(String[]::new)).withoutExemplars().register(registry);
        return cache(name, labels, histogram, histogram::labelValues);
    }

    private SeriesCache<DoubleConsumer> bandwidth(PrometheusRegistry registry) {
        List<String> labels = naming.consumerOnRequests()
                ? List.of("service", "route", "direction", "workspace", "consumer")
                : List.of("service", "route", "direction", "workspace");
        String help = "Bytes Kong received from clients (ingress: request.size) and sent to them (egress: response.size), including headers.";
        String[] names = labels.toArray(String[]::new);
        if (naming.bandwidthCounter()) {
            Counter counter = Counter.builder().name(naming.bandwidth()).help(help).labelNames(names).withoutExemplars().register(registry);
            return cache(naming.bandwidth(), labels, counter, values -> counter.labelValues(values)::inc);
        }
        Gauge gauge = Gauge.builder().name(naming.bandwidth()).help(help + " Kong's plugin names this counter without _total.").labelNames(names)
                .withoutExemplars().register(registry);
        return cache(naming.bandwidth(), labels, gauge, values -> gauge.labelValues(values)::inc);
    }
}
