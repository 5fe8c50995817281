package io.kongexporter.status;

import io.kongexporter.config.ConfigKey;
import io.kongexporter.core.Component;
import io.kongexporter.core.ConfigChange;
import io.kongexporter.core.RunningConfig;
import io.kongexporter.status.metrics.KongNodeCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Node polling as a feature: every configured node polled on its schedule ({@link NodeFleet}), its snapshots mapped
 * to metrics at scrape time, listeners told of every poll, and the node table of the landing page. Nodes and
 * polling settings apply live; the metric naming needs a restart.
 */
public final class PollingFeature implements Component {
    private final Clock clock;
    private final NodeFleet fleet;
    private final KongNodeCollector collector;
    private final List<Consumer<NodeSnapshot>> listeners = new CopyOnWriteArrayList<>();

    public PollingFeature(RunningConfig config, Clock clock, String version) {
        this.clock = clock;
        this.fleet = new NodeFleet(config.get().kong(), clock, version, this::polled);
        this.collector = new KongNodeCollector(fleet::snapshots, () -> config.get().kong().heartbeatWindow(), clock, config.get().metrics().naming());
    }

    /** Adds a listener called after every poll, on a poller thread: it must be quick and never block. */
    public void onPoll(Consumer<NodeSnapshot> listener) {
        listeners.add(listener);
    }

    private void polled(NodeSnapshot snapshot) {
        for (Consumer<NodeSnapshot> listener : listeners) {
            listener.accept(snapshot);
        }
    }

    @Override
    public void register(PrometheusRegistry registry) {
        registry.register(collector);
    }

    @Override
    public void start() {
        fleet.start();
    }

    @Override
    public Set<ConfigKey> apply(ConfigChange change) {
        fleet.apply(change.next().kong());
        return change.changedOf(ConfigKey.METRICS_NAMING);
    }

    /** The latest snapshot of every configured node, in configuration order. */
    public List<NodeSnapshot> snapshots() {
        return fleet.snapshots();
    }

    /** True once every configured node was polled once, successfully or not: the exporter is ready. */
    public boolean firstRoundTried() {
        return fleet.firstRoundTried();
    }

    /** The landing page's table of nodes. */
    public NodeTable nodeTable() {
        return new NodeTable(fleet::snapshots, clock);
    }

    @Override
    public void close() {
        fleet.close();
    }
}
