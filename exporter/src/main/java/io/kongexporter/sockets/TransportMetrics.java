package io.kongexporter.sockets;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One transport's own metrics, named after it ({@code tcp}, {@code udp}, {@code syslog}):
 * {@code kong_exporter_<t>_messages_total{result}} with only the results the transport can reach, and for stream
 * transports {@code kong_exporter_<t>_connections_open}, {@code kong_exporter_<t>_connections_total{result}}
 * (accepted, refused over {@code max_connections}) and {@code kong_exporter_<t>_idle_timeouts_total}.
 */
final class TransportMetrics {
    private final Map<MessageResult, CounterDataPoint> messages = new EnumMap<>(MessageResult.class);
    private final AtomicInteger open = new AtomicInteger();
    private CounterDataPoint accepted;
    private CounterDataPoint refused;
    private CounterDataPoint idleTimeouts;

    private TransportMetrics(PrometheusRegistry registry, String transport, String what, Set<MessageResult> results) {
        Counter counter = Counter.builder().name("kong_exporter_" + transport + "_messages_total")
                .help(what + " received, by result: accepted (handed to the log pipeline), too_large (over the size limit, connection closed), "
                        + "cut (datagram over the size limit), unparsable (not JSON or not syslog)")
                .labelNames("result").withoutExemplars().register(registry);
        for (MessageResult result : results) {
            messages.put(result, counter.labelValues(result.label()));
        }
    }

    /** A transport over datagrams: messages only. */
    static TransportMetrics datagrams(PrometheusRegistry registry, String transport, String what, Set<MessageResult> results) {
        return new TransportMetrics(registry, transport, what, results);
    }

    /** A transport over connections: messages and connections. */
    static TransportMetrics streams(PrometheusRegistry registry, String transport, String what, Set<MessageResult> results) {
        TransportMetrics metrics = new TransportMetrics(registry, transport, what, results);
        GaugeWithCallback.builder().name("kong_exporter_" + transport + "_connections_open").help(transport + " connections open now")
                .callback(cb -> cb.call(metrics.open.get())).register(registry);
        Counter connections = Counter.builder().name("kong_exporter_" + transport + "_connections_total")
                .help(transport + " connections, by result: accepted, refused (over max_connections, or over a quarter of it from one address; closed at once)")
                .labelNames("result").withoutExemplars().register(registry);
        metrics.accepted = connections.labelValues("accepted");
        metrics.refused = connections.labelValues("refused");
        metrics.idleTimeouts = Counter.builder().name("kong_exporter_" + transport + "_idle_timeouts_total")
                .help(transport + " connections closed because they sent nothing for idle_timeout").withoutExemplars().register(registry).labelValues();
        return metrics;
    }

    void message(MessageResult result) {
        CounterDataPoint point = messages.get(result);
        if (point == null) {
            throw new IllegalArgumentException(result + " is not a result of this transport");
        }
        point.inc();
    }

    /** A connection refused before taking a slot (its address holds its share already). */
    void refused() {
        refused.inc();
    }

    /** Takes a connection slot if fewer than {@code max} are open; counts it accepted or refused. */
    boolean opened(int max) {
        while (true) {
            int now = open.get();
            if (now >= max) {
                refused.inc();
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                accepted.inc();
                return true;
            }
        }
    }

    void closed() {
        open.decrementAndGet();
    }

    void idleTimeout() {
        idleTimeouts.inc();
    }
}
