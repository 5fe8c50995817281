package io.kongexporter.probe;

import io.kongexporter.config.ConfigKey;
import io.kongexporter.core.Component;
import io.kongexporter.core.ConfigChange;
import io.kongexporter.core.Route;
import io.kongexporter.core.RunningConfig;
import io.kongexporter.core.Threads;
import io.kongexporter.status.KongClient;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code GET /probe?target=}: the multi-target pattern as a feature. Nodes, probe targets and time limits are read
 * from the running configuration at every probe; the metric naming needs a restart.
 */
public final class ProbeFeature implements Component {
    private final ExecutorService io = Executors.newFixedThreadPool(2, Threads.daemon("probe-io"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(Threads.daemon("probe-timer"));
    private final ProbeEndpoint endpoint;

    public ProbeFeature(RunningConfig config, Clock clock, String version) {
        this.endpoint = new ProbeEndpoint(() -> config.get().kong(), new KongClient(config.get().kong().timeout(), io, version), timers, clock,
                config.get().metrics().naming());
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/probe", endpoint));
    }

    @Override
    public Set<ConfigKey> apply(ConfigChange change) {
        return change.changedOf(ConfigKey.METRICS_NAMING);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        io.shutdownNow();
    }
}
