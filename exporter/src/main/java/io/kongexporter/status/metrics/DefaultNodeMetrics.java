package io.kongexporter.status.metrics;

import io.kongexporter.metrics.MetricFamily;
import io.kongexporter.status.DataPlane;
import io.kongexporter.status.KongStatus;
import io.kongexporter.status.NodeInfo;
import io.kongexporter.status.NodeSnapshot;
import io.kongexporter.status.ServerStats;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Node metrics in the {@code default} naming (Prometheus conventions): every sample of a node carries {@code node},
 * the configured name; nginx's connection states are a gauge, its accepted and handled connections counters of
 * their own; a data plane's last ping is a Unix timestamp in seconds. The families shared with the other naming
 * are in {@link StatusFamilies}, certificate expiry ({@code kong.certificates}) in {@link CertificateFamilies}. Example (a control plane {@code cp} with one data plane):
 *
 * <pre>
 * # HELP kong_data_plane_last_seen_timestamp_seconds Unix time a hybrid-mode data plane last pinged its control plane, in seconds.
 * # TYPE kong_data_plane_last_seen_timestamp_seconds gauge
 * kong_data_plane_last_seen_timestamp_seconds{hostname="kong-dp-0",node_id="9c0e2f4a-6b8d-4c1e-9f3a-5b7d9e1f3a5c",sync_status="normal",version="3.9.1"} 1.750156805E9
 * # HELP kong_nginx_connections Client connections of the node by state (active, reading, writing, waiting).
 * # TYPE kong_nginx_connections gauge
 * kong_nginx_connections{node="cp",state="active"} 38.0
 * kong_nginx_connections{node="cp",state="reading"} 0.0
 * kong_nginx_connections{node="cp",state="waiting"} 29.0
 * kong_nginx_connections{node="cp",state="writing"} 9.0
 * # HELP kong_nginx_connections_accepted_total Client connections accepted by the node's nginx since it started.
 * # TYPE kong_nginx_connections_accepted_total counter
 * kong_nginx_connections_accepted_total{node="cp"} 1304417.0
 * # HELP kong_nginx_connections_handled_total Client connections handled by the node's nginx since it started; below accepted only when worker_connections ran out.
 * # TYPE kong_nginx_connections_handled_total counter
 * kong_nginx_connections_handled_total{node="cp"} 1304417.0
 * # HELP kong_nginx_requests_total Requests served by the node's nginx since it started (proxy, Admin and Status API).
 * # TYPE kong_nginx_requests_total counter
 * kong_nginx_requests_total{node="cp"} 2.0577931E7
 * # HELP kong_node_info Kong node identity from GET / (node id, hostname, version).
 * # TYPE kong_node_info gauge
 * kong_node_info{hostname="kong-gw-7c9d5f8b6-x2kqp",node="cp",node_id="3f6c1a2e-8b4d-4e9f-a1c3-5d7e9f0b2c4a",version="3.9.1"} 1
 * </pre>
 */
public final class DefaultNodeMetrics implements NodeMetrics {
    static final String NODE_INFO = "kong_node_info";
    static final String CONNECTIONS = "kong_nginx_connections";
    static final String CONNECTIONS_ACCEPTED = "kong_nginx_connections_accepted_total";
    static final String CONNECTIONS_HANDLED = "kong_nginx_connections_handled_total";
    static final String DATA_PLANE_LAST_SEEN = "kong_data_plane_last_seen_timestamp_seconds";
    static final String DATA_PLANE_CONFIG_HASH = "kong_data_plane_config_hash_info";

    DefaultNodeMetrics() {}

    @Override
    public List<MetricFamily> families(List<NodeSnapshot> nodes, List<DataPlane> dataPlanes) {
        MetricFamily info = MetricFamily.info(NODE_INFO, "Kong node identity from GET / (node id, hostname, version).");
        MetricFamily connections = MetricFamily.gauge(CONNECTIONS, "Client connections of the node by state (active, reading, writing, waiting).");
        MetricFamily accepted = MetricFamily.counter(CONNECTIONS_ACCEPTED, "Client connections accepted by the node's nginx since it started.");
        MetricFamily handled = MetricFamily.counter(CONNECTIONS_HANDLED,
                "Client connections handled by the node's nginx since it started; below accepted only when worker_connections ran out.");
        MetricFamily lastSeen = MetricFamily.gauge(DATA_PLANE_LAST_SEEN, "Unix time a hybrid-mode data plane last pinged its control plane, in seconds.");
        MetricFamily configHash = MetricFamily.info(DATA_PLANE_CONFIG_HASH,
                "Hash of the configuration a hybrid-mode data plane reported to its control plane (/clustering/data-planes config_hash).");
        StatusFamilies shared = new StatusFamilies(false);
        for (NodeSnapshot node : nodes) {
            Labels id = Labels.of("node", node.name());
            NodeInfo identity = node.info();
            if (identity != null) {
                info.addInfo(id.merge(new String[] {"node_id", "hostname", "version"},
                        new String[] {identity.nodeId(), identity.hostname(), identity.version()}));
            }
            KongStatus status = node.currentStatus();
            if (status != null) {
                ServerStats server = status.server();
                connections.add(server.connectionsActive(), id.add("state", "active"));
                connections.add(server.connectionsReading(), id.add("state", "reading"));
                connections.add(server.connectionsWriting(), id.add("state", "writing"));
                connections.add(server.connectionsWaiting(), id.add("state", "waiting"));
                accepted.add(server.connectionsAccepted(), id);
                handled.add(server.connectionsHandled(), id);
                shared.add(node, status, new NodeLabels(id, id, id));
            }
        }
        for (DataPlane dp : dataPlanes) {
            lastSeen.add(dp.lastSeenEpochSeconds(), "node_id", dp.id(), "hostname", dp.hostname(), "version", dp.version(), "sync_status", dp.syncStatus());
            if (!dp.configHash().isEmpty()) {
                configHash.addInfo(Labels.of("node_id", dp.id(), "hostname", dp.hostname(), "hash", dp.configHash()));
            }
        }
        List<MetricFamily> families = new ArrayList<>(shared.after(info, connections, accepted, handled, lastSeen, configHash));
        families.addAll(CertificateFamilies.families(nodes));
        return families;
    }
}
