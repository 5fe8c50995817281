package io.kongexporter.config;

import java.time.Duration;
import java.util.List;

/** The {@code kong:} section: which nodes to poll and how. */
public record KongConfig(
        List<NodeConfig> nodes,
        Duration pollInterval,
        Duration timeout,
        Duration heartbeatWindow,
        boolean upstreamHealth,
        List<ProbeTarget> probeTargets,
        boolean certificates) {

    public KongConfig {
        nodes = List.copyOf(nodes);
        probeTargets = List.copyOf(probeTargets);
    }

    public KongConfig(List<NodeConfig> nodes, Duration pollInterval, Duration timeout, Duration heartbeatWindow, boolean upstreamHealth) {
        this(nodes, pollInterval, timeout, heartbeatWindow, upstreamHealth, List.of(), false);
    }

    public KongConfig(List<NodeConfig> nodes, Duration pollInterval, Duration timeout, Duration heartbeatWindow, boolean upstreamHealth,
            List<ProbeTarget> probeTargets) {
        this(nodes, pollInterval, timeout, heartbeatWindow, upstreamHealth, probeTargets, false);
    }

}
