package io.kongexporter.status.metrics;

import io.kongexporter.config.MetricsConfig;
import io.kongexporter.metrics.MetricFamily;
import io.kongexporter.status.DataPlane;
import io.kongexporter.status.NodeSnapshot;
import java.util.List;

/**
 * The node metrics of one naming ({@code metrics.naming}): what Kong reports about each node ({@code /status},
 * {@code GET /}, upstream health, a control plane's data planes), named and labelled as the naming says. Chosen
 * once, at start; the families the pollers add ({@link PollMetrics}) are the same in every naming.
 */
public sealed interface NodeMetrics permits DefaultNodeMetrics, KongPluginNodeMetrics {

    static NodeMetrics of(MetricsConfig.Naming naming) {
        return switch (naming) {
            case DEFAULT -> new DefaultNodeMetrics();
            case KONG_PLUGIN -> new KongPluginNodeMetrics();
        };
    }

    /** The families of one scrape, from the nodes' latest snapshots and the current data planes of the cluster. */
    List<MetricFamily> families(List<NodeSnapshot> nodes, List<DataPlane> dataPlanes);
}
