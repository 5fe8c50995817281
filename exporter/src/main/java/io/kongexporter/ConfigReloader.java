package io.kongexporter;

import io.kongexporter.config.ConfigException;
import io.kongexporter.config.ExporterConfig;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /-/reload} and SIGHUP: re-reads the configuration (file, environment, flags) and applies it. A bad new
 * configuration is rejected, logged and counted ({@code kong_exporter_config_reload_failures_total}); the running
 * one stays.
 */
final class ConfigReloader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    /** Where a fresh configuration comes from (the same file, environment and flags as at start). */
    interface Source {
        ExporterConfig load() throws ConfigException;
    }

    /** What a reload did. */
    record Outcome(boolean applied, String message, List<String> restartNeeded) {}

    private final Source source;
    private final Counter failures;
    private final Gauge lastSuccessful;
    private ExporterApp app;

    ConfigReloader(Source source, PrometheusRegistry registry) {
        this.source = source;
        this.failures = Counter.builder().name("kong_exporter_config_reload_failures_total")
                .help("Configuration reloads rejected because the new configuration was invalid; the previous one stayed in force.")
                .withoutExemplars().register(registry);
        this.lastSuccessful = Gauge.builder().name("kong_exporter_config_last_reload_successful")
                .help("1 if the last configuration reload succeeded (or none was tried), 0 if it was rejected.").register(registry);
        lastSuccessful.set(1);
    }

    void attach(ExporterApp app) {
        this.app = app;
    }

    synchronized Outcome reload() {
        ExporterConfig next;
        try {
            next = source.load();
        } catch (ConfigException e) {
            failures.inc();
            lastSuccessful.set(0);
            LOG.error("configuration reload rejected, keeping the running configuration: {}", e.getMessage());
            return new Outcome(false, e.getMessage(), List.of());
        }
        List<String> restartNeeded = app.apply(next);
        lastSuccessful.set(1);
        if (!restartNeeded.isEmpty()) {
            LOG.warn("configuration reloaded; these changes need a restart and were not applied: {}", restartNeeded);
        } else {
            LOG.info("configuration reloaded");
        }
        return new Outcome(true, "configuration reloaded", restartNeeded);
    }
}
