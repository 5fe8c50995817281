package io.kongexporter.traffic;

import io.kongexporter.config.MetricsConfig;
import io.kongexporter.ingest.LogEntry;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Traffic metrics in the {@code kong-plugin} naming: exactly what Kong's bundled prometheus plugin 3.9 exports
 * ({@code kong/plugins/prometheus/exporter.lua}), so Kong's official dashboard keeps working: latencies in
 * milliseconds with the plugin's bucket boundaries, the consumer a label of the request and bandwidth series ({@code ""}
 * when anonymous or without {@code metrics.per_consumer}), stream sessions with a {@code source}, and stream entries'
 * Kong latency in {@code kong_kong_latency_ms}. As the plugin: entries that matched no route are not recorded, a
 * WebSocket's whole length goes into {@code kong_request_latency_ms}, stream sessions add no bandwidth, and the AI
 * families ({@code kong_ai_llm_*}, {@link AiTraffic}) come from the {@code ai} field.
 * {@code kong_bandwidth_bytes} is a counter in the plugin; client_java cannot name a counter without {@code _total},
 * so it is a gauge here whose samples match the plugin's. Example (one route,
 * {@code ingest.extra_labels: [connection_type]}, buckets cut short):
 *
 * <pre>
 * # HELP kong_bandwidth_bytes Bytes Kong received from clients (ingress: request.size) and sent to them (egress: response.size), including headers. Kong's plugin names this counter without _total.
 * # TYPE kong_bandwidth_bytes gauge
 * kong_bandwidth_bytes{consumer="",direction="egress",route="orders-route",service="orders-api",workspace="default"} 321.0
 * kong_bandwidth_bytes{consumer="mobile-app",direction="egress",route="orders-route",service="orders-api",workspace="default"} 8686.0
 * # HELP kong_http_requests_total HTTP requests Kong served, by service, route, status code, source (service: the upstream answered; kong: Kong did) and workspace.
 * # TYPE kong_http_requests_total counter
 * kong_http_requests_total{code="200",connection_type="",consumer="mobile-app",route="orders-route",service="orders-api",source="service",workspace="default"} 2.0
 * kong_http_requests_total{code="401",connection_type="",consumer="",route="orders-route",service="orders-api",source="kong",workspace="default"} 1.0
 * # HELP kong_kong_latency_ms Time spent in Kong and its plugins (latencies.kong, the X-Kong-Proxy-Latency header), in milliseconds.
 * # TYPE kong_kong_latency_ms histogram
 * kong_kong_latency_ms_bucket{route="orders-route",service="orders-api",workspace="default",le="50.0"} 4
 * kong_kong_latency_ms_bucket{route="orders-route",service="orders-api",workspace="default",le="+Inf"} 4
 * kong_kong_latency_ms_count{route="orders-route",service="orders-api",workspace="default"} 4
 * kong_kong_latency_ms_sum{route="orders-route",service="orders-api",workspace="default"} 10.0
 * # HELP kong_request_latency_ms Time from the first byte of the client request to the last byte sent back (latencies.request), in milliseconds.
 * # TYPE kong_request_latency_ms histogram
 * kong_request_latency_ms_count{route="orders-route",service="orders-api",workspace="default"} 4
 * kong_request_latency_ms_sum{route="orders-route",service="orders-api",workspace="default"} 78.0
 * # HELP kong_session_duration_ms Duration of stream sessions (latencies.session), in milliseconds.
 * # TYPE kong_session_duration_ms histogram
 * kong_session_duration_ms_count{route="postgres-tcp-route",service="postgres-tcp",workspace="default"} 1
 * kong_session_duration_ms_sum{route="postgres-tcp-route",service="postgres-tcp",workspace="default"} 5234.0
 * # HELP kong_stream_sessions_total Stream (tcp, tls, udp) sessions Kong proxied, by service, route and session status.
 * # TYPE kong_stream_sessions_total counter
 * kong_stream_sessions_total{code="200",route="postgres-tcp-route",service="postgres-tcp",source="service",workspace="default"} 1.0
 * # HELP kong_upstream_latency_ms Time the upstream took to send the first byte of its response (latencies.proxy; absent when not proxied), in milliseconds.
 * # TYPE kong_upstream_latency_ms histogram
 * kong_upstream_latency_ms_count{route="orders-route",service="orders-api",workspace="default"} 2
 * kong_upstream_latency_ms_sum{route="orders-route",service="orders-api",workspace="default"} 65.0
 * </pre>
 */
final class KongPluginTrafficMetrics implements TrafficMetrics {
    static final String REQUEST_LATENCY = "kong_request_latency_ms";
    static final String UPSTREAM_LATENCY = "kong_upstream_latency_ms";
    static final String KONG_LATENCY = "kong_kong_latency_ms";
    static final String BANDWIDTH = "kong_bandwidth_bytes";
    static final String SESSION_DURATION = "kong_session_duration_ms";
    static final String AI_PROVIDER_LATENCY = "kong_ai_llm_provider_latency_ms";

    /** Kong's KONG_LATENCY_BUCKETS (3.9), in ms. */
    static final double[] KONG_LATENCY_MS = {1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750, 1000, 3000, 6000};
    /** Kong's UPSTREAM_LATENCY_BUCKETS, in ms (upstream, request and session latency). */
    static final double[] UPSTREAM_LATENCY_MS = {25, 50, 80, 100, 250, 400, 700, 1000, 2000, 5000, 10000, 30000, 60000};

    /** service, route, code, source, workspace, consumer; the extra labels follow. */
    private static final int REQUEST_LABELS = 6;
    private static final int CONSUMER = 5;

    /** The series each route keeps ({@link RouteSeries}). */
    private static final int REQUEST_LATENCY_SLOT = 0;
    private static final int UPSTREAM_LATENCY_SLOT = 1;
    private static final int KONG_LATENCY_SLOT = 2;
    private static final int SESSION_DURATION_SLOT = 3;

    private final TrafficSeries series;
    private final RouteSeries routes;
    private final boolean perConsumer;
    private final SeriesCache<CounterDataPoint> requests;
    private final SeriesCache<DistributionDataPoint> requestLatency;
    private final SeriesCache<DistributionDataPoint> upstreamLatency;
    private final SeriesCache<DistributionDataPoint> kongLatency;
    private final SeriesCache<GaugeDataPoint> bandwidth;
    private final SeriesCache<CounterDataPoint> streamSessions;
    private final SeriesCache<DistributionDataPoint> sessionDuration;
    private final AiTraffic ai;

    KongPluginTrafficMetrics(MetricsConfig config, TrafficSeries series) {
        this.series = series;
        this.routes = series.routeSeries(4);
        this.perConsumer = config.perConsumer();
        List<String> requestLabels = new ArrayList<>(List.of("service", "route", "code", "source", "workspace", "consumer"));
        requestLabels.addAll(series.extraLabels());
        requests = series.counter(REQUESTS, REQUESTS_HELP, requestLabels);
        requestLatency = series.histogram(REQUEST_LATENCY, REQUEST_LATENCY_HELP + "milliseconds.", UPSTREAM_LATENCY_MS, ROUTE_LABELS);
        upstreamLatency = series.histogram(UPSTREAM_LATENCY, UPSTREAM_LATENCY_HELP + "milliseconds.", UPSTREAM_LATENCY_MS, ROUTE_LABELS);
        kongLatency = series.histogram(KONG_LATENCY, KONG_LATENCY_HELP + "milliseconds.", KONG_LATENCY_MS, ROUTE_LABELS);
        bandwidth = series.gauge(BANDWIDTH, BANDWIDTH_HELP + " Kong's plugin names this counter without _total.",
                List.of("service", "route", "direction", "workspace", "consumer"));
        streamSessions = series.counter(STREAM_SESSIONS, STREAM_SESSIONS_HELP, List.of("service", "route", "code", "source", "workspace"));
        sessionDuration = series.histogram(SESSION_DURATION, SESSION_DURATION_HELP + "milliseconds.", UPSTREAM_LATENCY_MS, ROUTE_LABELS);
        ai = new AiTraffic(series, AI_PROVIDER_LATENCY, "milliseconds", 1);
    }

    /**
     * Kong's plugin records nothing for a request or session that matched no route: its {@code log} returns when
     * {@code message.route} is nil ({@code kong/plugins/prometheus/exporter.lua}, 3.9).
     */
    private static boolean matchedNoRoute(LogEntry e) {
        return TrafficLabels.route(e).isEmpty();
    }

    /**
     * The plugin's consumer label: the username with {@code per_consumer: true} ({@code handler.lua} sets
     * {@code serialized.consumer = message.consumer.username}), else {@code ""}; a consumer without a username is {@code ""}.
     */
    private String consumer(LogEntry e, long now) {
        String username = e.consumerUsername();
        return perConsumer && username != null && !username.isEmpty() ? series.admitConsumer(username, now) : "";
    }

    @Override
    public void recordHttp(LogEntry e, long now) {
        if (matchedNoRoute(e)) {
            return;
        }
        RouteSeries.Route r = routes.of(e, now);
        String service = r.service;
        String route = r.route;
        String workspace = r.workspace;
        String[] labels = new String[REQUEST_LABELS + series.extraLabels().size()];
        labels[0] = service;
        labels[1] = route;
        labels[2] = TrafficLabels.code(e.status());
        labels[3] = TrafficLabels.source(e);
        labels[4] = workspace;
        labels[CONSUMER] = consumer(e, now);
        series.putExtras(e, labels, REQUEST_LABELS, now);
        requests.get(labels, now).inc();
        observe(r, REQUEST_LATENCY_SLOT, requestLatency, e.latencyRequest(), now);
        observe(r, UPSTREAM_LATENCY_SLOT, upstreamLatency, e.latencyProxy(), now);
        observe(r, KONG_LATENCY_SLOT, kongLatency, e.latencyKong(), now);
        addBandwidth(service, route, workspace, labels[CONSUMER], e, now);
        ai.record(e, workspace, now);
    }

    /** The plugin does not tell a WebSocket from a request: its whole length goes into {@code kong_request_latency_ms}. */
    @Override
    public void recordUpgraded(LogEntry e, long now) {
        recordHttp(e, now);
    }

    @Override
    public void recordStream(LogEntry e, long now) {
        if (matchedNoRoute(e)) {
            return;
        }
        RouteSeries.Route r = routes.of(e, now);
        String source = e.tries() > 0 ? "service" : "kong";
        streamSessions.get(new String[] {r.service, r.route, TrafficLabels.code(e.status()), source, r.workspace}, now).inc();
        observe(r, SESSION_DURATION_SLOT, sessionDuration, e.latencySession(), now);
        observe(r, KONG_LATENCY_SLOT, kongLatency, e.latencyKong(), now);
        // no bandwidth: Kong 3.9's handler.lua reads a stream session's sizes only "message.response and ..." (and
        // "message.request and ..."), and a stream entry has neither, so the plugin never counts stream bytes
    }

    private static void observe(RouteSeries.Route route, int slot, SeriesCache<DistributionDataPoint> histogram, double millis, long now) {
        if (millis >= 0) {
            route.use(slot, histogram, RouteSeries.Shape.LATENCY, now).observe(millis);
        }
    }

    private void addBandwidth(String service, String route, String workspace, String consumer, LogEntry e, long now) {
        if (e.requestSize() > 0) {
            bandwidth.get(new String[] {service, route, "ingress", workspace, consumer}, now).inc(e.requestSize());
        }
        if (e.responseSize() > 0) {
            bandwidth.get(new String[] {service, route, "egress", workspace, consumer}, now).inc(e.responseSize());
        }
    }
}
