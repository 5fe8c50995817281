package io.kongexporter.config;

import java.time.Duration;
import java.util.List;

/** The {@code kong:} section: which nodes to poll and how. */
public record KongConfig(
        List<NodeConfig> nodes,
        Duration pollInterval,
        Duration timeout,
        Duration heartbeatWindow,
        boolean upstreamHealth) {

    public KongConfig {
        nodes = List.copyOf(nodes);
    }
}
