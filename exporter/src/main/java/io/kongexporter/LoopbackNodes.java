package io.kongexporter;

import io.kongexporter.config.ExporterConfig;
import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --demo} switch: also poll the three nodes of the Kong simulator ({@code kong-simulator.jar}, its own
 * module; this jar carries none of it) at their well-known loopback ports, with {@code kong.upstream_health} on
 * (the simulated nodes serve it). They are added to the configured nodes; every other configured key is kept.
 */
final class LoopbackNodes {
    /** The simulator's defaults ({@code --first-port=18001}). */
    static final List<NodeConfig> NODES = List.of(
            new NodeConfig("demo-kong-1", URI.create("http://127.0.0.1:18001")),
            new NodeConfig("demo-kong-2", URI.create("http://127.0.0.1:18002")),
            new NodeConfig("demo-kong-3", URI.create("http://127.0.0.1:18003")));

    private LoopbackNodes() {}

    static ExporterConfig addTo(ExporterConfig config) {
        KongConfig kong = config.kong();
        List<NodeConfig> nodes = new ArrayList<>(kong.nodes());
        nodes.addAll(NODES);
        return config.withKong(new KongConfig(nodes, kong.pollInterval(), kong.timeout(), kong.heartbeatWindow(), true,
                kong.probeTargets(), kong.certificates()));
    }
}
