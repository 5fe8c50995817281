package io.kongexporter.traffic;

import io.kongexporter.config.MetricsConfig;
import java.util.List;

/**
 * The two namings of one metric model. {@code default} follows Prometheus conventions (seconds, {@code _total},
 * the consumer on its own counter); {@code kong-plugin} reproduces Kong's bundled prometheus plugin 3.9 exactly
 * (milliseconds, its bucket boundaries, the consumer on the request and bandwidth series), so Kong's official
 * dashboard keeps working.
 *
 * @param latencyScale multiplier from Kong's milliseconds to the exposed unit
 * @param consumerOnRequests the consumer is a label of the request counter (plugin) instead of its own counter
 * @param consumerRequests the separate consumer counter, or null
 * @param bandwidthCounter true: a counter ({@code _total}); false: the plugin's {@code kong_bandwidth_bytes} (a gauge
 *        in client_java, which cannot name a counter without {@code _total}; the samples match the plugin's exactly)
 * @param streamSource stream sessions carry a {@code source} label (plugin)
 */
public record TrafficNaming(
        String requests,
        boolean consumerOnRequests,
        String consumerRequests,
        String requestLatency,
        String upstreamLatency,
        String proxyLatency,
        double latencyScale,
        double[] proxyBuckets,
        double[] upstreamBuckets,
        String bandwidth,
        boolean bandwidthCounter,
        String streamSessions,
        boolean streamSource,
        String sessionDuration) {

    /** Kong's KONG_LATENCY_BUCKETS (3.9), in ms. */
    static final double[] KONG_LATENCY_MS = {1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750, 1000, 3000, 6000};
    /** Kong's UPSTREAM_LATENCY_BUCKETS, in ms (upstream, request and session latency). */
    static final double[] UPSTREAM_LATENCY_MS = {25, 50, 80, 100, 250, 400, 700, 1000, 2000, 5000, 10000, 30000, 60000};

    public static TrafficNaming of(MetricsConfig config) {
        if (config.naming() == MetricsConfig.Naming.KONG_PLUGIN) {
            return new TrafficNaming("kong_http_requests_total", true, null,
                    "kong_request_latency_ms", "kong_upstream_latency_ms", "kong_kong_latency_ms", 1.0,
                    KONG_LATENCY_MS, UPSTREAM_LATENCY_MS,
                    "kong_bandwidth_bytes", false, "kong_stream_sessions_total", true, "kong_session_duration_ms");
        }
        double[] proxy = seconds(KONG_LATENCY_MS);
        double[] upstream = seconds(UPSTREAM_LATENCY_MS);
        if (!config.latencyBucketsSeconds().isEmpty()) {
            proxy = config.latencyBucketsSeconds().stream().mapToDouble(Double::doubleValue).toArray();
            upstream = proxy;
        }
        return new TrafficNaming("kong_http_requests_total", false,
                config.consumerLabel() == MetricsConfig.ConsumerLabel.NONE ? null : "kong_http_consumer_requests_total",
                "kong_request_latency_seconds", "kong_upstream_latency_seconds", "kong_proxy_latency_seconds", 0.001,
                proxy, upstream, "kong_bandwidth_bytes_total", true, "kong_stream_sessions_total", false,
                "kong_stream_session_duration_seconds");
    }

    /** Every metric this naming exports, for the series and overflow self-metrics. */
    List<String> metricNames() {
        return consumerRequests == null
                ? List.of(requests, requestLatency, upstreamLatency, proxyLatency, bandwidth, streamSessions, sessionDuration)
                : List.of(requests, consumerRequests, requestLatency, upstreamLatency, proxyLatency, bandwidth, streamSessions, sessionDuration);
    }

    private static double[] seconds(double[] ms) {
        double[] s = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
            s[i] = ms[i] / 1000.0;
        }
        return s;
    }
}
