package io.kongexporter.ingest;

import java.util.List;
import java.util.Map;

/**
 * What the metrics need from one Kong http-log entry, read as sent: no defaults, no fallbacks.
 *
 * <p>Absent values: {@code null} for texts, {@link Double#NaN} for latencies, {@code -1} for
 * sizes, {@code tries} and {@code startedAt}. Label fallbacks (service name → host, route name →
 * id, missing workspace → "default") are the caller's choice, so both raw values are kept.
 *
 * @param kind             what the entry records: an HTTP request, an upgraded (long-lived) HTTP connection, or a
 *                         stream (tcp/tls/udp) session ({@code session} instead of {@code request}/{@code response});
 *                         see {@link Kind}
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
 * @param ai               {@code ai} (3.6+, AI plugins): one {@link AiUsage} per use case; never null
 *
 * <p>Built with {@link #http(int)} or {@link #stream(int)}, whose {@link Builder} starts with every value absent.
 */
public record LogEntry(
        Kind kind,
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
        Map<String, String> extraFields,
        List<AiUsage> ai) {

    /** The value of an absent size, count, status or time. */
    static final int ABSENT = -1;

    /**
     * What an entry records, decided once when it is built.
     *
     * <ul>
     *   <li>{@code UPGRADED}: an HTTP connection switched to another protocol, a WebSocket: {@code response.status} 101,
     *       or a request that asked for the upgrade ({@code upgrade: websocket} and {@code connection: upgrade}) and was
     *       not refused (status below 400; HTTP/2 WebSockets answer 200). Its {@code latencies.request} is the length of
     *       the whole session, not a request's latency. A refused handshake (401, 426…) ended at once: {@code HTTP}.
     *       Server-sent events and long polls look like any other request in a log entry (status 200, no upgrade), so
     *       they cannot be told apart reliably and stay {@code HTTP}.</li>
     *   <li>{@code STREAM}: a tcp, tls or udp session ({@code session} instead of {@code response}).</li>
     * </ul>
     */
    public enum Kind { HTTP, UPGRADED, STREAM }

    public LogEntry {
        extraFields = extraFields == null ? Map.of() : extraFields;
        ai = ai == null ? List.of() : ai;
    }

    /** True for a stream (tcp, tls, udp) session entry. */
    public boolean stream() {
        return kind == Kind.STREAM;
    }

    /** An HTTP request entry with this {@code response.status}; everything else absent until set. */
    public static Builder http(int status) {
        return new Builder().status(false, status);
    }

    /** A stream session entry with this {@code session.status}; everything else absent until set. */
    public static Builder stream(int status) {
        return new Builder().status(true, status);
    }

    /**
     * A {@link LogEntry} in the making, every value absent at first. The parser reuses one per body (its fields are
     * written as the entry's JSON is read, then {@link #reset()}); elsewhere the setters group values as Kong does.
     */
    public static final class Builder {
        boolean stream;
        String serviceName;
        String serviceHost;
        String routeName;
        String routeId;
        String apiName;
        String consumerUsername;
        String consumerCustomId;
        String consumerId;
        String workspaceName;
        int status;
        String source;
        String upstreamStatus;
        double latencyKong;
        double latencyProxy;
        double latencyRequest;
        double latencyReceive;
        double latencySession;
        long requestSize;
        long responseSize;
        int tries;
        String requestId;
        long startedAt;
        Map<String, String> extraFields;
        boolean upgradeRequested;
        List<AiUsage> ai;

        Builder() {
            reset();
        }

        /** Every value absent again. */
        void reset() {
            stream = false;
            serviceName = null;
            serviceHost = null;
            routeName = null;
            routeId = null;
            apiName = null;
            consumerUsername = null;
            consumerCustomId = null;
            consumerId = null;
            workspaceName = null;
            status = ABSENT;
            source = null;
            upstreamStatus = null;
            latencyKong = Double.NaN;
            latencyProxy = Double.NaN;
            latencyRequest = Double.NaN;
            latencyReceive = Double.NaN;
            latencySession = Double.NaN;
            requestSize = ABSENT;
            responseSize = ABSENT;
            tries = ABSENT;
            requestId = null;
            startedAt = ABSENT;
            extraFields = null;
            upgradeRequested = false;
            ai = null;
        }

        Builder status(boolean isStream, int value) {
            stream = isStream;
            status = value;
            return this;
        }

        public Builder service(String name, String host) {
            serviceName = name;
            serviceHost = host;
            return this;
        }

        public Builder route(String name, String id) {
            routeName = name;
            routeId = id;
            return this;
        }

        /** Kong 0.x {@code api.name}, else {@code api.id}. */
        public Builder api(String name) {
            apiName = name;
            return this;
        }

        public Builder consumer(String username, String customId, String id) {
            consumerUsername = username;
            consumerCustomId = customId;
            consumerId = id;
            return this;
        }

        public Builder workspace(String name) {
            workspaceName = name;
            return this;
        }

        public Builder source(String value) {
            source = value;
            return this;
        }

        public Builder upstreamStatus(String value) {
            upstreamStatus = value;
            return this;
        }

        /** {@code latencies.kong}, {@code .proxy}, {@code .request}, {@code .receive} in ms; NaN for an absent one. */
        public Builder latencies(double kong, double proxy, double request, double receive) {
            latencyKong = kong;
            latencyProxy = proxy;
            latencyRequest = request;
            latencyReceive = receive;
            return this;
        }

        /** A stream session's {@code latencies.kong} and {@code latencies.session} in ms. */
        public Builder sessionLatencies(double kong, double session) {
            latencyKong = kong;
            latencySession = session;
            return this;
        }

        /** Bytes received from and sent to the client. */
        public Builder sizes(long received, long sent) {
            requestSize = received;
            responseSize = sent;
            return this;
        }

        public Builder tries(int count) {
            tries = count;
            return this;
        }

        public Builder requestId(String id) {
            requestId = id;
            return this;
        }

        public Builder startedAt(long epochMillis) {
            startedAt = epochMillis;
            return this;
        }

        public Builder extraFields(Map<String, String> fields) {
            extraFields = fields;
            return this;
        }

        /** The request asked to upgrade the connection to a WebSocket ({@code upgrade: websocket}, {@code connection: upgrade}). */
        public Builder upgradeRequested(boolean asked) {
            upgradeRequested = asked;
            return this;
        }

        public Builder ai(List<AiUsage> uses) {
            ai = uses;
            return this;
        }

        private Kind kind() {
            if (stream) {
                return Kind.STREAM;
            }
            return status == 101 || (upgradeRequested && status >= 0 && status < 400) ? Kind.UPGRADED : Kind.HTTP;
        }

        public LogEntry build() {
            return new LogEntry(kind(), serviceName, serviceHost, routeName, routeId, apiName, consumerUsername, consumerCustomId, consumerId,
                    workspaceName, status, source, upstreamStatus, latencyKong, latencyProxy, latencyRequest, latencyReceive, latencySession,
                    requestSize, responseSize, tries, requestId, startedAt, extraFields == null ? Map.of() : Map.copyOf(extraFields),
                    ai == null ? List.of() : ai);
        }
    }
}
