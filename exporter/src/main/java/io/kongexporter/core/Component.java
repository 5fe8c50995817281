package io.kongexporter.core;

import io.kongexporter.config.ConfigKey;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Set;

/**
 * One feature of the exporter (node polling, log ingest, traffic metrics, the live view, alerts, Admin API
 * streaming, probe, the web server), with the same small lifecycle: it {@link #register registers} what it exposes
 * on {@code /metrics}, serves its {@link #routes}, {@link #start starts}, takes a reloaded configuration in
 * {@link #apply} (returning the keys it cannot apply live) and {@link #close closes}. Features read the running
 * configuration from {@link RunningConfig}; none keeps a start-up copy of a key it claims to apply live.
 */
public interface Component extends AutoCloseable {
    /** Registers the feature's metrics; called once, before {@link #start}. */
    default void register(PrometheusRegistry registry) {}

    /** The endpoints the feature serves; asked once, before the web server starts. */
    default List<Route> routes() {
        return List.of();
    }

    /** Starts background work (pollers, tickers, listeners). */
    default void start() {}

    /**
     * Takes a reloaded configuration. Returns the changed keys this feature only reads at start (they keep their
     * running value until a restart); every other change must be in effect when this returns.
     */
    default Set<ConfigKey> apply(ConfigChange change) {
        return Set.of();
    }

    /**
     * The first step of shutting down, taken by every feature before any closes, while the web server still runs:
     * end what keeps requests open or in flight (live subscriptions end cleanly, log bodies being read finish).
     */
    default void quiesce() {}

    /** Stops background work and frees what the feature holds. Never throws for an ordinary shutdown. */
    @Override
    default void close() {}
}
