package io.kongexporter.traffic;

import io.kongexporter.config.MetricsConfig;
import io.kongexporter.ingest.LogEntry;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Traffic metrics in the {@code default} naming (Prometheus conventions): latencies in seconds (Kong's bucket
 * boundaries, or {@code metrics.latency_buckets}), counters ending in {@code _total}, the consumer on a counter of
 * its own ({@code metrics.consumer_label}; none when {@code none}) so the request counter's series do not multiply
 * by consumers. Example (one route, {@code ingest.extra_labels: [connection_type]}, buckets cut short):
 *
 * <pre>
 * # HELP kong_bandwidth_bytes_total Bytes Kong received from clients (ingress: request.size) and sent to them (egress: response.size), including headers.
 * # TYPE kong_bandwidth_bytes_total counter
 * kong_bandwidth_bytes_total{direction="egress",route="orders-route",service="orders-api",workspace="default"} 9007.0
 * kong_bandwidth_bytes_total{direction="ingress",route="orders-route",service="orders-api",workspace="default"} 1378.0
 * # HELP kong_http_consumer_requests_total HTTP requests of authenticated consumers, by consumer, service, route and status code.
 * # TYPE kong_http_consumer_requests_total counter
 * kong_http_consumer_requests_total{code="200",consumer="mobile-app",route="orders-route",service="orders-api"} 2.0
 * # HELP kong_http_requests_total HTTP requests Kong served, by service, route, status code, source (service: the upstream answered; kong: Kong did) and workspace.
 * # TYPE kong_http_requests_total counter
 * kong_http_requests_total{code="200",connection_type="",route="orders-route",service="orders-api",source="service",workspace="default"} 2.0
 * kong_http_requests_total{code="401",connection_type="",route="orders-route",service="orders-api",source="kong",workspace="default"} 1.0
 * # HELP kong_proxy_latency_seconds Time spent in Kong and its plugins (latencies.kong, the X-Kong-Proxy-Latency header), in seconds.
 * # TYPE kong_proxy_latency_seconds histogram
 * kong_proxy_latency_seconds_bucket{route="orders-route",service="orders-api",workspace="default",le="0.05"} 4
 * kong_proxy_latency_seconds_bucket{route="orders-route",service="orders-api",workspace="default",le="+Inf"} 4
 * kong_proxy_latency_seconds_count{route="orders-route",service="orders-api",workspace="default"} 4
 * kong_proxy_latency_seconds_sum{route="orders-route",service="orders-api",workspace="default"} 0.01
 * # HELP kong_request_latency_seconds Time from the first byte of the client request to the last byte sent back (latencies.request), in seconds.
 * # TYPE kong_request_latency_seconds histogram
 * kong_request_latency_seconds_count{route="orders-route",service="orders-api",workspace="default"} 4
 * kong_request_latency_seconds_sum{route="orders-route",service="orders-api",workspace="default"} 0.07800000000000001
 * # HELP kong_stream_session_duration_seconds Duration of stream sessions (latencies.session), in seconds.
 * # TYPE kong_stream_session_duration_seconds histogram
 * kong_stream_session_duration_seconds_count{route="postgres-tcp-route",service="postgres-tcp",workspace="default"} 1
 * # HELP kong_stream_sessions_total Stream (tcp, tls, udp) sessions Kong proxied, by service, route and session status.
 * # TYPE kong_stream_sessions_total counter
 * kong_stream_sessions_total{code="200",route="postgres-tcp-route",service="postgres-tcp",workspace="default"} 1.0
 * # HELP kong_upstream_latency_seconds Time the upstream took to send the first byte of its response (latencies.proxy; absent when not proxied), in seconds.
 * # TYPE kong_upstream_latency_seconds histogram
 * kong_upstream_latency_seconds_count{route="orders-route",service="orders-api",workspace="default"} 2
 * kong_upstream_latency_seconds_sum{route="orders-route",service="orders-api",workspace="default"} 0.065
 * </pre>
 */
final class DefaultTrafficMetrics implements TrafficMetrics {
    static final String CONSUMER_REQUESTS = "kong_http_consumer_requests_total";
    static final String REQUEST_LATENCY = "kong_request_latency_seconds";
    static final String UPSTREAM_LATENCY = "kong_upstream_latency_seconds";
    static final String PROXY_LATENCY = "kong_proxy_latency_seconds";
    static final String BANDWIDTH = "kong_bandwidth_bytes_total";
    static final String SESSION_DURATION = "kong_stream_session_duration_seconds";
    static final String UPGRADED_SESSIONS = "kong_http_upgraded_sessions_total";
    static final String UPGRADED_SESSION_DURATION = "kong_http_upgraded_session_duration_seconds";
    static final String AI_PROVIDER_LATENCY = "kong_ai_llm_provider_latency_seconds";
    /** Bounds of the upgraded sessions' histogram, in seconds: 1 s to a day. */
    static final double[] UPGRADED_SESSION_SECONDS = {1, 5, 15, 30, 60, 300, 900, 1800, 3600, 14400, 86400};

    /** Kong reports milliseconds; these metrics are in seconds. */
    private static final double SECONDS_PER_MS = 0.001;
    private static final int REQUEST_LABELS = 5;

    /** The series each route keeps ({@link RouteSeries}). */
    private static final int UPSTREAM_LATENCY_SLOT = 0;
    private static final int PROXY_LATENCY_SLOT = 1;
    private static final int REQUEST_LATENCY_SLOT = 2;
    private static final int INGRESS_SLOT = 3;
    private static final int EGRESS_SLOT = 4;
    private static final int UPGRADED_SLOT = 5;
    private static final int UPGRADED_DURATION_SLOT = 6;
    private static final int SESSION_DURATION_SLOT = 7;
    private static final int SLOTS = 8;

    private final TrafficSeries series;
    private final RouteSeries routes;
    private final MetricsConfig.ConsumerLabel consumerLabel;
    private final SeriesCache<CounterDataPoint> requests;
    private final SeriesCache<CounterDataPoint> consumerRequests;
    private final SeriesCache<DistributionDataPoint> requestLatency;
    private final SeriesCache<DistributionDataPoint> upstreamLatency;
    private final SeriesCache<DistributionDataPoint> proxyLatency;
    private final SeriesCache<CounterDataPoint> bandwidth;
    private final SeriesCache<CounterDataPoint> streamSessions;
    private final SeriesCache<DistributionDataPoint> sessionDuration;
    private final SeriesCache<CounterDataPoint> upgradedSessions;
    private final SeriesCache<DistributionDataPoint> upgradedDuration;
    private final AiTraffic ai;

    DefaultTrafficMetrics(MetricsConfig config, TrafficSeries series) {
        this.series = series;
        this.routes = series.routeSeries(SLOTS);
        this.consumerLabel = config.consumerLabel();
        double[] proxyBuckets = seconds(KongPluginTrafficMetrics.KONG_LATENCY_MS);
        double[] upstreamBuckets = seconds(KongPluginTrafficMetrics.UPSTREAM_LATENCY_MS);
        if (!config.latencyBucketsSeconds().isEmpty()) {
            proxyBuckets = config.latencyBucketsSeconds().stream().mapToDouble(Double::doubleValue).toArray();
            upstreamBuckets = proxyBuckets;
        }
        List<String> requestLabels = new ArrayList<>(List.of("service", "route", "code", "source", "workspace"));
        requestLabels.addAll(series.extraLabels());
        requests = series.counter(REQUESTS, REQUESTS_HELP, requestLabels);
        consumerRequests = consumerLabel == MetricsConfig.ConsumerLabel.NONE ? null
                : series.counter(CONSUMER_REQUESTS, "HTTP requests of authenticated consumers, by consumer, service, route and status code.",
                        List.of("consumer", "service", "route", "code"));
        requestLatency = series.histogram(REQUEST_LATENCY, REQUEST_LATENCY_HELP + "seconds.", upstreamBuckets, ROUTE_LABELS);
        upstreamLatency = series.histogram(UPSTREAM_LATENCY, UPSTREAM_LATENCY_HELP + "seconds.", upstreamBuckets, ROUTE_LABELS);
        proxyLatency = series.histogram(PROXY_LATENCY, KONG_LATENCY_HELP + "seconds.", proxyBuckets, ROUTE_LABELS);
        bandwidth = series.counter(BANDWIDTH, BANDWIDTH_HELP, List.of("service", "route", "direction", "workspace"));
        streamSessions = series.counter(STREAM_SESSIONS, STREAM_SESSIONS_HELP, List.of("service", "route", "code", "workspace"));
        sessionDuration = series.histogram(SESSION_DURATION, SESSION_DURATION_HELP + "seconds.", upstreamBuckets, ROUTE_LABELS);
        upgradedSessions = series.counter(UPGRADED_SESSIONS,
                "Upgraded HTTP connections (WebSocket: status 101, or an accepted upgrade request), by service, route and workspace; also counted in kong_http_requests_total.",
                ROUTE_LABELS);
        upgradedDuration = series.histogram(UPGRADED_SESSION_DURATION,
                "Length of upgraded HTTP connections (latencies.request of a WebSocket), kept out of kong_request_latency_seconds, in seconds.",
                UPGRADED_SESSION_SECONDS, ROUTE_LABELS);
        ai = new AiTraffic(series, AI_PROVIDER_LATENCY, "seconds", SECONDS_PER_MS);
    }

    @Override
    public void recordHttp(LogEntry e, long now) {
        RouteSeries.Route route = countRequest(e, now);
        observe(route, REQUEST_LATENCY_SLOT, requestLatency, e.latencyRequest(), now);
    }

    /** Counted as a request (its upstream and Kong latencies too), but its length is a session's: a histogram of its own. */
    @Override
    public void recordUpgraded(LogEntry e, long now) {
        RouteSeries.Route route = countRequest(e, now);
        route.use(UPGRADED_SLOT, upgradedSessions, RouteSeries.Shape.ROUTE, now).inc();
        observe(route, UPGRADED_DURATION_SLOT, upgradedDuration, e.latencyRequest(), now);
    }

    /** Everything an HTTP entry records but the request latency; returns its route. */
    private RouteSeries.Route countRequest(LogEntry e, long now) {
        RouteSeries.Route route = routes.of(e, now);
        String code = TrafficLabels.code(e.status());
        String[] labels = new String[REQUEST_LABELS + series.extraLabels().size()];
        labels[0] = route.service;
        labels[1] = route.route;
        labels[2] = code;
        labels[3] = TrafficLabels.source(e);
        labels[4] = route.workspace;
        series.putExtras(e, labels, REQUEST_LABELS, now);
        requests.get(labels, now).inc();
        if (consumerRequests != null) {
            String consumer = series.consumer(e, consumerLabel, now);
            if (consumer != null) {
                consumerRequests.get(new String[] {consumer, route.service, route.route, code}, now).inc();
            }
        }
        observe(route, UPSTREAM_LATENCY_SLOT, upstreamLatency, e.latencyProxy(), now);
        observe(route, PROXY_LATENCY_SLOT, proxyLatency, e.latencyKong(), now);
        addBandwidth(route, e, now);
        ai.record(e, route.workspace, now);
        return route;
    }

    @Override
    public void recordStream(LogEntry e, long now) {
        RouteSeries.Route route = routes.of(e, now);
        streamSessions.get(new String[] {route.service, route.route, TrafficLabels.code(e.status()), route.workspace}, now).inc();
        observe(route, SESSION_DURATION_SLOT, sessionDuration, e.latencySession(), now);
        addBandwidth(route, e, now);
    }

    private static void observe(RouteSeries.Route route, int slot, SeriesCache<DistributionDataPoint> histogram, double millis, long now) {
        if (millis >= 0) {
            route.use(slot, histogram, RouteSeries.Shape.LATENCY, now).observe(millis * SECONDS_PER_MS);
        }
    }

    private void addBandwidth(RouteSeries.Route route, LogEntry e, long now) {
        if (e.requestSize() > 0) {
            route.use(INGRESS_SLOT, bandwidth, RouteSeries.Shape.INGRESS, now).inc(e.requestSize());
        }
        if (e.responseSize() > 0) {
            route.use(EGRESS_SLOT, bandwidth, RouteSeries.Shape.EGRESS, now).inc(e.responseSize());
        }
    }

    private static double[] seconds(double[] ms) {
        double[] s = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
            s[i] = ms[i] / 1000.0;
        }
        return s;
    }
}
