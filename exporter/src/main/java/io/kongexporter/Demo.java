package io.kongexporter;

import io.kongexporter.config.ExporterConfig;
import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import io.kongexporter.demo.DemoCluster;
import io.kongexporter.demo.DemoNode;
import io.kongexporter.demo.TrafficGenerator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --demo} switch: three simulated Kong nodes on loopback, added to the configured ones, with
 * upstream health polling on (the simulated nodes serve it), and their http-log traffic posted to the exporter's
 * own log endpoint over real HTTP.
 */
final class Demo implements AutoCloseable {
    private final DemoCluster cluster;
    private TrafficGenerator traffic;

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

    /** Starts posting the simulated nodes' traffic to the running exporter. */
    void startTraffic(ExporterConfig config, int port) {
        if (cluster == null) {
            return;
        }
        traffic = TrafficGenerator.start(URI.create("http://127.0.0.1:" + port + config.ingest().path()), config.ingest().token(),
                cluster.nodes().stream().map(DemoNode::name).toList(),
                TrafficGenerator.DEFAULT_ENTRIES_PER_SECOND, TrafficGenerator.DEFAULT_BATCH_SIZE);
    }

    @Override
    public void close() {
        if (traffic != null) {
            traffic.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
