package io.kongexporter.status.metrics;

import io.kongexporter.config.MetricsConfig;
import io.kongexporter.metrics.MetricFamily;
import io.kongexporter.status.ClusterCount;
import io.kongexporter.status.NodeSnapshot;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Maps the pollers' latest snapshots to metrics at scrape time. Never does I/O: a slow or dead Kong node
 * cannot slow or fail a scrape. Kong's cumulative nginx numbers are exposed as counters carrying Kong's own
 * values (a decrease means Kong restarted, which {@code rate()} handles as a counter reset).
 */
public final class KongNodeCollector implements MultiCollector {
    private final Supplier<List<NodeSnapshot>> nodes;
    private final Supplier<Duration> heartbeatWindow;
    private final Clock clock;
    private final NodeMetrics naming;

    public KongNodeCollector(Supplier<List<NodeSnapshot>> nodes, Supplier<Duration> heartbeatWindow, Clock clock, MetricsConfig.Naming naming) {
        this(nodes, heartbeatWindow, clock, NodeMetrics.of(naming));
    }

    public KongNodeCollector(Supplier<List<NodeSnapshot>> nodes, Supplier<Duration> heartbeatWindow, Clock clock, NodeMetrics naming) {
        this.nodes = nodes;
        this.heartbeatWindow = heartbeatWindow;
        this.clock = clock;
        this.naming = naming;
    }

    @Override
    public MetricSnapshots collect() {
        List<NodeSnapshot> all = nodes.get();
        ClusterCount cluster = ClusterCount.of(all, clock.instant(), heartbeatWindow.get());
        List<MetricFamily> families = new ArrayList<>(naming.families(all, cluster.dataPlanes()));
        families.addAll(PollMetrics.families(all, cluster));
        return MetricFamily.snapshots(families);
    }
}
