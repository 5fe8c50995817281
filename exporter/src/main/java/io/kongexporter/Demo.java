package io.kongexporter;

import io.kongexporter.config.ExporterConfig;
import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import io.kongexporter.demo.DemoCluster;
import io.kongexporter.demo.DemoNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --demo} switch: three simulated Kong nodes on loopback, added to the configured ones, with
 * upstream health polling on (the simulated nodes serve it).
 */
final class Demo implements AutoCloseable {
    private final DemoCluster cluster;

    private Demo(DemoCluster cluster) {
        this.cluster = cluster;
    }

    static Demo none() {
        return new Demo(null);
    }

    static Demo start() {
        return new Demo(DemoCluster.startDefault());
    }

    ExporterConfig addNodesTo(ExporterConfig config) {
        if (cluster == null) {
            return config;
        }
        List<NodeConfig> nodes = new ArrayList<>(config.kong().nodes());
        for (DemoNode node : cluster.nodes()) {
            nodes.add(new NodeConfig(node.name(), node.url()));
        }
        KongConfig kong = config.kong();
        return config.withKong(new KongConfig(nodes, kong.pollInterval(), kong.timeout(), kong.heartbeatWindow(), true));
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
