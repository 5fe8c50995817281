package io.kongexporter.status.metrics;

import io.kongexporter.metrics.MetricFamily;
import io.kongexporter.status.DataPlane;
import io.kongexporter.status.KongStatus;
import io.kongexporter.status.NodeInfo;
import io.kongexporter.status.NodeSnapshot;
import io.kongexporter.status.ServerStats;
import io.prometheus.metrics.model.snapshots.Labels;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Node metrics in the {@code kong-plugin} naming: the names and labels of Kong's bundled prometheus plugin 3.9
 * ({@code kong/plugins/prometheus/exporter.lua}), so Kong's official dashboard keeps working. A node is labelled
 * {@code node_id} (Kong's node id, the configured name until {@code GET /} answered), with {@code subsystem} or
 * {@code kong_subsystem} where the plugin has them; nginx's numbers are one counter by {@code state}, {@code total}
 * being the requests; a data plane has three gauges. The plugin exposes one node per scrape and so leaves
 * {@code node_id} off {@code kong_datastore_reachable} and {@code kong_upstream_target_health}; one exporter serves
 * many nodes, so here they carry it. The families shared with the other naming are in {@link StatusFamilies}; Kong's
 * plugin has no certificate metric, so {@link CertificateFamilies} keeps the same names in both namings.
 * Example (a control plane with one data plane):
 *
 * <pre>
 * # HELP kong_data_plane_config_hash Config hash numeric value of the data plane (lossy, as Kong's plugin computes it).
 * # TYPE kong_data_plane_config_hash gauge
 * kong_data_plane_config_hash{hostname="kong-dp-0",ip="10.0.5.21",node_id="9c0e2f4a-6b8d-4c1e-9f3a-5b7d9e1f3a5c"} 1.0265775510903198E38
 * # HELP kong_data_plane_last_seen Last time the data plane contacted the control plane.
 * # TYPE kong_data_plane_last_seen gauge
 * kong_data_plane_last_seen{hostname="kong-dp-0",ip="10.0.5.21",node_id="9c0e2f4a-6b8d-4c1e-9f3a-5b7d9e1f3a5c"} 1.750156805E9
 * # HELP kong_data_plane_version_compatible Version compatible status of the data plane, 0 is incompatible.
 * # TYPE kong_data_plane_version_compatible gauge
 * kong_data_plane_version_compatible{hostname="kong-dp-0",ip="10.0.5.21",kong_version="3.9.1",node_id="9c0e2f4a-6b8d-4c1e-9f3a-5b7d9e1f3a5c"} 1.0
 * # HELP kong_memory_workers_lua_vms_bytes Bytes allocated by each nginx worker's Lua VM (http_allocated_gc).
 * # TYPE kong_memory_workers_lua_vms_bytes gauge
 * kong_memory_workers_lua_vms_bytes{kong_subsystem="http",node_id="3f6c1a2e-8b4d-4e9f-a1c3-5d7e9f0b2c4a",pid="1257"} 6.4946176E7
 * # HELP kong_nginx_connections_total Number of connections by subsystem and state (state total = requests), as Kong's plugin reports them.
 * # TYPE kong_nginx_connections_total counter
 * kong_nginx_connections_total{node_id="3f6c1a2e-8b4d-4e9f-a1c3-5d7e9f0b2c4a",state="accepted",subsystem="http"} 1304417.0
 * kong_nginx_connections_total{node_id="3f6c1a2e-8b4d-4e9f-a1c3-5d7e9f0b2c4a",state="active",subsystem="http"} 38.0
 * kong_nginx_connections_total{node_id="3f6c1a2e-8b4d-4e9f-a1c3-5d7e9f0b2c4a",state="handled",subsystem="http"} 1304417.0
 * kong_nginx_connections_total{node_id="3f6c1a2e-8b4d-4e9f-a1c3-5d7e9f0b2c4a",state="reading",subsystem="http"} 0.0
 * kong_nginx_connections_total{node_id="3f6c1a2e-8b4d-4e9f-a1c3-5d7e9f0b2c4a",state="total",subsystem="http"} 2.0577931E7
 * kong_nginx_connections_total{node_id="3f6c1a2e-8b4d-4e9f-a1c3-5d7e9f0b2c4a",state="waiting",subsystem="http"} 29.0
 * kong_nginx_connections_total{node_id="3f6c1a2e-8b4d-4e9f-a1c3-5d7e9f0b2c4a",state="writing",subsystem="http"} 9.0
 * # HELP kong_nginx_requests_total Requests served by the node's nginx since it started (proxy, Admin and Status API).
 * # TYPE kong_nginx_requests_total counter
 * kong_nginx_requests_total{node_id="3f6c1a2e-8b4d-4e9f-a1c3-5d7e9f0b2c4a",subsystem="http"} 2.0577931E7
 * # HELP kong_node_info Kong node information.
 * # TYPE kong_node_info gauge
 * kong_node_info{node_id="3f6c1a2e-8b4d-4e9f-a1c3-5d7e9f0b2c4a",version="3.9.1"} 1
 * # HELP kong_upstream_target_health Health of an upstream target address as the node's balancer sees it: 1 for the current state, 0 for the others.
 * # TYPE kong_upstream_target_health gauge
 * kong_upstream_target_health{address="10.0.1.5:8080",node_id="3f6c1a2e-8b4d-4e9f-a1c3-5d7e9f0b2c4a",state="healthy",subsystem="http",target="10.0.1.5:8080",upstream="orders"} 1.0
 * </pre>
 */
public final class KongPluginNodeMetrics implements NodeMetrics {
    static final String NODE_INFO = "kong_node_info";
    static final String CONNECTIONS = "kong_nginx_connections_total";
    static final String DATA_PLANE_LAST_SEEN = "kong_data_plane_last_seen";
    static final String DATA_PLANE_CONFIG_HASH = "kong_data_plane_config_hash";
    static final String DATA_PLANE_VERSION_COMPATIBLE = "kong_data_plane_version_compatible";

    KongPluginNodeMetrics() {}

    @Override
    public List<MetricFamily> families(List<NodeSnapshot> nodes, List<DataPlane> dataPlanes) {
        MetricFamily info = MetricFamily.info(NODE_INFO, "Kong node information.");
        MetricFamily connections = MetricFamily.counter(CONNECTIONS,
                "Number of connections by subsystem and state (state total = requests), as Kong's plugin reports them.");
        StatusFamilies shared = new StatusFamilies(true);
        for (NodeSnapshot node : nodes) {
            NodeInfo identity = node.info();
            if (identity != null) {
                info.addInfo("node_id", identity.nodeId(), "version", identity.version());
            }
            KongStatus status = node.currentStatus();
            if (status != null) {
                Labels id = Labels.of("node_id", identity == null || identity.nodeId().isEmpty() ? node.name() : identity.nodeId());
                Labels subsystem = id.add("subsystem", "http");
                ServerStats server = status.server();
                connections.add(server.connectionsActive(), subsystem.add("state", "active"));
                connections.add(server.connectionsReading(), subsystem.add("state", "reading"));
                connections.add(server.connectionsWriting(), subsystem.add("state", "writing"));
                connections.add(server.connectionsWaiting(), subsystem.add("state", "waiting"));
                connections.add(server.connectionsAccepted(), subsystem.add("state", "accepted"));
                connections.add(server.connectionsHandled(), subsystem.add("state", "handled"));
                connections.add(server.totalRequests(), subsystem.add("state", "total"));
                shared.add(node, status, new NodeLabels(id, subsystem, id.add("kong_subsystem", "http")));
            }
        }
        MetricFamily lastSeen = MetricFamily.gauge(DATA_PLANE_LAST_SEEN, "Last time the data plane contacted the control plane.");
        MetricFamily configHash = MetricFamily.gauge(DATA_PLANE_CONFIG_HASH, "Config hash numeric value of the data plane (lossy, as Kong's plugin computes it).");
        MetricFamily compatible = MetricFamily.gauge(DATA_PLANE_VERSION_COMPATIBLE, "Version compatible status of the data plane, 0 is incompatible.");
        for (DataPlane dp : dataPlanes) {
            Labels plane = Labels.of("node_id", dp.id(), "hostname", dp.hostname(), "ip", dp.ip());
            lastSeen.add(dp.lastSeenEpochSeconds(), plane);
            configHash.add(hashValue(dp.configHash()), plane);
            boolean incompatible = dp.syncStatus().endsWith("_incompatible") && !dp.syncStatus().equals("filter_set_incompatible");
            compatible.add(incompatible ? 0 : 1, plane.add("kong_version", dp.version()));
        }
        List<MetricFamily> families = new ArrayList<>(shared.after(info, connections, lastSeen, configHash, compatible));
        families.addAll(CertificateFamilies.families(nodes));
        return families;
    }

    /** The MD5 hex read as a number, as Kong's plugin does ({@code tonumber(hash, 16)}); 0 when not hex. */
    static double hashValue(String hex) {
        try {
            return new BigInteger(hex, 16).doubleValue();
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
