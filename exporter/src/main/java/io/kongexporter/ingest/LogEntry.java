package io.kongexporter.ingest;

import java.util.Map;

/**
 * What the metrics need from one Kong http-log entry, read as sent: no defaults, no fallbacks.
 *
 * <p>Absent values: {@code null} for texts, {@link Double#NaN} for latencies, {@code -1} for
 * sizes, {@code tries} and {@code startedAt}. Label fallbacks (service name → host, route name →
 * id, missing workspace → "default") are the caller's choice, so both raw values are kept.
 *
 * @param stream           true for a stream (tcp/tls/udp) session entry: {@code session} instead of
 *                         {@code request}/{@code response}
 * @param serviceName      {@code service.name}
 * @param serviceHost      {@code service.host}
 * @param routeName        {@code route.name}
 * @param routeId          {@code route.id}
 * @param apiName          Kong ≤0.14 {@code api.name}, else {@code api.id}
 * @param consumerUsername {@code consumer.username}
 * @param consumerCustomId {@code consumer.custom_id}
 * @param consumerId       {@code consumer.id}
 * @param workspaceName    {@code workspace_name} (3.7+)
 * @param status           {@code response.status}, or {@code session.status} for stream entries
 * @param source           {@code source} (3.6+): "upstream" or "kong"
 * @param upstreamStatus   raw {@code upstream_status} (3.3+), e.g. "502, 200"; a number keeps its text
 * @param latencyKong      {@code latencies.kong} in ms
 * @param latencyProxy     {@code latencies.proxy} in ms; -1 when Kong did not proxy (kept as -1)
 * @param latencyRequest   {@code latencies.request} in ms
 * @param latencyReceive   {@code latencies.receive} in ms (3.7+)
 * @param latencySession   {@code latencies.session} in ms (stream entries)
 * @param requestSize      {@code request.size}, or {@code session.received} for stream entries, in bytes
 * @param responseSize     {@code response.size}, or {@code session.sent} for stream entries, in bytes
 * @param tries            number of balancer tries ({@code tries} elements; 0 for {@code {}} or {@code []})
 * @param requestId        {@code request.id} (3.5+)
 * @param startedAt        {@code started_at}, epoch milliseconds
 * @param extraFields      allowlisted top-level fields with scalar values, as text; never null
 */
public record LogEntry(
        boolean stream,
        String serviceName,
        String serviceHost,
        String routeName,
        String routeId,
        String apiName,
        String consumerUsername,
        String consumerCustomId,
        String consumerId,
        String workspaceName,
        int status,
        String source,
        String upstreamStatus,
        double latencyKong,
        double latencyProxy,
        double latencyRequest,
        double latencyReceive,
        double latencySession,
        long requestSize,
        long responseSize,
        int tries,
        String requestId,
        long startedAt,
        Map<String, String> extraFields) {

    public LogEntry {
        extraFields = extraFields == null ? Map.of() : extraFields;
    }
}
