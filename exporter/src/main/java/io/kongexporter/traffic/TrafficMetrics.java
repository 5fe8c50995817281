package io.kongexporter.traffic;

import io.kongexporter.config.MetricsConfig;
import io.kongexporter.ingest.LogEntry;
import java.util.List;

/**
 * The traffic metrics of one naming ({@code metrics.naming}): one model (requests, latencies, bandwidth, stream
 * sessions by service, route and workspace), named, labelled and measured as the naming says. Chosen once, at start;
 * recording an entry then runs only the chosen naming's code. What both namings say alike is here.
 */
sealed interface TrafficMetrics permits DefaultTrafficMetrics, KongPluginTrafficMetrics {
    String REQUESTS = "kong_http_requests_total";
    String STREAM_SESSIONS = "kong_stream_sessions_total";

    String REQUESTS_HELP = "HTTP requests Kong served, by service, route, status code, source (service: the upstream answered; kong: Kong did) and workspace.";
    String STREAM_SESSIONS_HELP = "Stream (tcp, tls, udp) sessions Kong proxied, by service, route and session status.";
    String BANDWIDTH_HELP = "Bytes Kong received from clients (ingress: request.size) and sent to them (egress: response.size), including headers.";
    /** The latency histograms' help, before their unit. */
    String REQUEST_LATENCY_HELP = "Time from the first byte of the client request to the last byte sent back (latencies.request), in ";
    String UPSTREAM_LATENCY_HELP = "Time the upstream took to send the first byte of its response (latencies.proxy; absent when not proxied), in ";
    String KONG_LATENCY_HELP = "Time spent in Kong and its plugins (latencies.kong, the X-Kong-Proxy-Latency header), in ";
    String SESSION_DURATION_HELP = "Duration of stream sessions (latencies.session), in ";

    /** Labels of the latency histograms. */
    List<String> ROUTE_LABELS = List.of("service", "route", "workspace");

    static TrafficMetrics of(MetricsConfig config, TrafficSeries series) {
        return switch (config.naming()) {
            case DEFAULT -> new DefaultTrafficMetrics(config, series);
            case KONG_PLUGIN -> new KongPluginTrafficMetrics(config, series);
        };
    }

    /** Records an HTTP request entry; {@code now} is the wall-clock time in milliseconds. */
    void recordHttp(LogEntry entry, long now);

    /** Records an upgraded (WebSocket) HTTP connection, whose {@code latencies.request} is the session's length. */
    void recordUpgraded(LogEntry entry, long now);

    /** Records a stream (tcp, tls, udp) session entry. */
    void recordStream(LogEntry entry, long now);
}
