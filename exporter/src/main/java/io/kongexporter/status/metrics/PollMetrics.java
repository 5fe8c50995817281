package io.kongexporter.status.metrics;

import io.kongexporter.metrics.MetricFamily;
import io.kongexporter.status.ClusterCount;
import io.kongexporter.status.NodeSnapshot;
import io.kongexporter.status.PollErrorReason;
import java.util.List;

/**
 * What the exporter's pollers know of every node, named the same in both namings: whether the node answered, when,
 * how the polls went, and how many nodes the cluster has. Labelled by {@code node}, the configured name. Example:
 *
 * <pre>
 * # HELP kong_cluster_known_nodes Nodes of the cluster known to the exporter: configured nodes plus non-stale data planes.
 * # TYPE kong_cluster_known_nodes gauge
 * kong_cluster_known_nodes 6.0
 * # HELP kong_cluster_live_nodes Nodes of the cluster that answered within the heartbeat window: configured nodes and data planes reported by a control plane.
 * # TYPE kong_cluster_live_nodes gauge
 * kong_cluster_live_nodes 5.0
 * # HELP kong_exporter_circuit_breaker_state Circuit breaker of the node's poller: 1 for the current state (closed, open, half_open), 0 for the others.
 * # TYPE kong_exporter_circuit_breaker_state gauge
 * kong_exporter_circuit_breaker_state{node="cp",state="closed"} 1.0
 * kong_exporter_circuit_breaker_state{node="cp",state="half_open"} 0.0
 * kong_exporter_circuit_breaker_state{node="cp",state="open"} 0.0
 * # HELP kong_exporter_poll_duration_seconds Duration of the latest poll of the node, in seconds.
 * # TYPE kong_exporter_poll_duration_seconds gauge
 * kong_exporter_poll_duration_seconds{node="cp"} 0.012
 * # HELP kong_exporter_poll_errors_total Failed polls of the node by reason (timeout, connect, http_status, parse, circuit_open).
 * # TYPE kong_exporter_poll_errors_total counter
 * kong_exporter_poll_errors_total{node="cp",reason="circuit_open"} 0.0
 * kong_exporter_poll_errors_total{node="cp",reason="connect"} 0.0
 * kong_exporter_poll_errors_total{node="cp",reason="http_status"} 0.0
 * kong_exporter_poll_errors_total{node="cp",reason="parse"} 0.0
 * kong_exporter_poll_errors_total{node="cp",reason="timeout"} 0.0
 * # HELP kong_exporter_polls_total Polls of the node finished, successful or not.
 * # TYPE kong_exporter_polls_total counter
 * kong_exporter_polls_total{node="cp"} 42.0
 * # HELP kong_node_last_seen_timestamp_seconds Unix time of the node's latest successful poll, in seconds.
 * # TYPE kong_node_last_seen_timestamp_seconds gauge
 * kong_node_last_seen_timestamp_seconds{node="cp"} 1.750156805E9
 * # HELP kong_up 1 if the latest poll of the node's /status succeeded, else 0.
 * # TYPE kong_up gauge
 * kong_up{node="cp"} 1.0
 * </pre>
 */
final class PollMetrics {
    static final String UP = "kong_up";
    static final String LAST_SEEN = "kong_node_last_seen_timestamp_seconds";
    static final String CLUSTER_LIVE_NODES = "kong_cluster_live_nodes";
    static final String CLUSTER_KNOWN_NODES = "kong_cluster_known_nodes";
    static final String POLL_DURATION = "kong_exporter_poll_duration_seconds";
    static final String POLLS = "kong_exporter_polls_total";
    static final String POLL_ERRORS = "kong_exporter_poll_errors_total";
    static final String BREAKER_STATE = "kong_exporter_circuit_breaker_state";
    static final String READY = "kong_node_ready";

    static final List<String> BREAKER_STATES = List.of("closed", "open", "half_open");

    private PollMetrics() {}

    static List<MetricFamily> families(List<NodeSnapshot> nodes, ClusterCount cluster) {
        MetricFamily up = MetricFamily.gauge(UP, "1 if the latest poll of the node's /status succeeded, else 0.");
        MetricFamily lastSeen = MetricFamily.gauge(LAST_SEEN, "Unix time of the node's latest successful poll, in seconds.");
        MetricFamily pollDuration = MetricFamily.gauge(POLL_DURATION, "Duration of the latest poll of the node, in seconds.");
        MetricFamily polls = MetricFamily.counter(POLLS, "Polls of the node finished, successful or not.");
        MetricFamily pollErrors = MetricFamily.counter(POLL_ERRORS, "Failed polls of the node by reason (timeout, connect, http_status, parse, circuit_open).");
        MetricFamily breaker = MetricFamily.gauge(BREAKER_STATE, "Circuit breaker of the node's poller: 1 for the current state (closed, open, half_open), 0 for the others.");
        MetricFamily ready = MetricFamily.gauge(READY,
                "1 if the node's /status/ready answered 200, 0 if 503 (no configuration yet, draining, workers not ready); absent where not served (Kong before 3.3, Admin API).");
        for (NodeSnapshot node : nodes) {
            String name = node.name();
            up.add(node.up() ? 1 : 0, "node", name);
            if (node.up() && node.ready() != null) {
                ready.add(node.ready() ? 1 : 0, "node", name);
            }
            if (node.lastSeen() != null) {
                lastSeen.add(node.lastSeen().toEpochMilli() / 1000.0, "node", name);
            }
            if (node.lastAttempt() != null) {
                pollDuration.add(node.lastPollSeconds(), "node", name);
            }
            polls.add(node.polls(), "node", name);
            for (PollErrorReason reason : PollErrorReason.values()) {
                pollErrors.add(node.errors().getOrDefault(reason, 0L), "node", name, "reason", reason.label());
            }
            for (String state : BREAKER_STATES) {
                breaker.add(state.equals(node.breakerState()) ? 1 : 0, "node", name, "state", state);
            }
        }
        MetricFamily live = MetricFamily.gauge(CLUSTER_LIVE_NODES,
                "Nodes of the cluster that answered within the heartbeat window: configured nodes and data planes reported by a control plane.")
                .add(cluster.live());
        MetricFamily known = MetricFamily.gauge(CLUSTER_KNOWN_NODES, "Nodes of the cluster known to the exporter: configured nodes plus non-stale data planes.")
                .add(cluster.known());
        return List.of(up, ready, lastSeen, live, known, pollDuration, polls, pollErrors, breaker);
    }
}
