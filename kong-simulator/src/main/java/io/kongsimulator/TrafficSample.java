package io.kongsimulator;

import java.util.Objects;

/**
 * One request as Kong would log it, before it is written as JSON by {@link LogEntryWriter}.
 *
 * <p>The shape of the entry follows from the values: no {@code route} means no route matched (no
 * {@code service}, {@code route} or {@code tries}, {@code upstream_uri: ""}); a consumer adds
 * {@code consumer}, {@code authenticated_entity} and the {@code x-consumer-*} headers; a
 * {@link Source#KONG} answer without tries is a plugin exit ({@code tries: []},
 * {@code upstream_status: ""}); a {@link Source#KONG} answer with tries means all tries failed.
 *
 * @param node          the simulated node that served it; entries do not carry it, it picks the
 *                      node's queue and so the POST the entry travels in
 * @param startedAt     {@code started_at}, epoch milliseconds
 * @param service       null when no route matched
 * @param route         null when no route matched
 * @param consumer      null for anonymous traffic
 * @param request       what the client sent
 * @param status        {@code response.status}
 * @param source        who produced the response
 * @param tries         balancer attempts: 0 when Kong answered itself, 1 + retries otherwise
 * @param failedTryCode the status of every failed attempt (502 refused, 504 timed out); all but the
 *                      last attempt failed, or all of them when {@code source} is {@link Source#KONG}
 * @param latencies     {@code latencies}, milliseconds
 * @param responseSize  {@code response.size}, bytes sent to the client including headers
 * @param websocket     an upgraded connection: WebSocket headers and the {@code custom_fields_by_lua}
 *                      fields {@code connection_type} and {@code upgrade}
 */
public record TrafficSample(
        String node,
        long startedAt,
        ServiceEntity service,
        RouteEntity route,
        ConsumerEntity consumer,
        Request request,
        int status,
        Source source,
        int tries,
        int failedTryCode,
        Latencies latencies,
        long responseSize,
        boolean websocket) {

    public TrafficSample {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(latencies, "latencies");
        if ((service == null) != (route == null)) {
            throw new IllegalArgumentException("service and route come together (both null when no route matched)");
        }
        if (tries < 0 || (route == null && tries > 0) || (source == Source.UPSTREAM && tries == 0)) {
            throw new IllegalArgumentException("tries " + tries + " do not fit source " + source
                    + (route == null ? " without a route" : ""));
        }
    }

    /** Who produced the response: {@code source} in the entry (Kong 3.6+). */
    public enum Source {
        UPSTREAM("upstream"), KONG("kong");

        private final String value;

        Source(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /**
     * What the client sent.
     *
     * @param id       {@code request.id}, 32 lower-case hex digits (also {@code X-Kong-Request-Id})
     * @param clientIp {@code client_ip}
     * @param host     the {@code Host} the client asked for, without port
     * @param tls      true for the TLS listener (8443, {@code request.tls}), false for plain HTTP (8000)
     * @param path     the path as sent, without query
     * @param query    the raw query without {@code ?}, "" when none; unescaped {@code name=value}
     *                 pairs joined by {@code &}, a bare name is a flag
     * @param size     {@code request.size}, bytes received including request line and headers
     */
    public record Request(String id, String clientIp, String method, String host, boolean tls,
                          String path, String query, long size) {

        public Request {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(clientIp, "clientIp");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(path, "path");
            query = query == null ? "" : query;
        }
    }

    /**
     * {@code latencies} of Kong 3.7+, in milliseconds.
     *
     * @param kong    time in Kong before proxying (or until Kong answered)
     * @param proxy   upstream time to first byte; -1 when not proxied
     * @param request first client byte to last byte sent, ≈ kong + proxy + receive
     * @param receive time streaming the response from upstream
     */
    public record Latencies(int kong, int proxy, int request, int receive) {
    }
}
