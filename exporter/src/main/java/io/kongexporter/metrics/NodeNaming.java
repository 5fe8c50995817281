package io.kongexporter.metrics;

import io.kongexporter.config.MetricsConfig;
import io.kongexporter.status.NodeSnapshot;

/**
 * How node metrics are named and labelled. {@code default}: label {@code node} (the configured name), nginx
 * numbers as counters with {@code _total}. {@code kong-plugin}: Kong's prometheus plugin 3.9 names and labels
 * ({@code node_id}, {@code subsystem}/{@code kong_subsystem}, {@code kong_nginx_connections_total} with
 * {@code state="total"}). The plugin exposes one node per scrape and so leaves {@code node_id} off
 * {@code kong_datastore_reachable} and {@code kong_upstream_target_health}; one exporter serves many nodes, so
 * here they carry it.
 */
record NodeNaming(boolean plugin) {
    static NodeNaming of(MetricsConfig.Naming naming) {
        return new NodeNaming(naming == MetricsConfig.Naming.KONG_PLUGIN);
    }

    /** The labels that say which node a sample is about. */
    String[] node(NodeSnapshot n) {
        if (!plugin) {
            return new String[] {"node", n.name()};
        }
        String id = n.info() == null || n.info().nodeId().isEmpty() ? n.name() : n.info().nodeId();
        return new String[] {"node_id", id};
    }

    /** The node labels, then the plugin's subsystem label (named {@code subsystemLabel}) in plugin mode, then more pairs. */
    String[] labels(NodeSnapshot n, String subsystemLabel, String... more) {
        String[] node = node(n);
        int subsystem = plugin && subsystemLabel != null ? 2 : 0;
        String[] all = new String[node.length + subsystem + more.length];
        System.arraycopy(node, 0, all, 0, node.length);
        if (subsystem > 0) {
            all[node.length] = subsystemLabel;
            all[node.length + 1] = "http";
        }
        System.arraycopy(more, 0, all, node.length + subsystem, more.length);
        return all;
    }
}
