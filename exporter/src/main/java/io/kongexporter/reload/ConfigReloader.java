package io.kongexporter.reload;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.kongexporter.config.ConfigException;
import io.kongexporter.config.ExporterConfig;
import io.kongexporter.core.Component;
import io.kongexporter.core.Route;
import io.kongexporter.core.RunningConfig;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /-/reload} and SIGHUP: re-reads the configuration (file, environment, flags) and hands it to every
 * feature through {@link RunningConfig}. A bad new configuration is rejected, logged and counted
 * ({@code kong_exporter_config_reload_failures_total}); the running one stays.
 */
public final class ConfigReloader implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    /** Where a fresh configuration comes from (the same file, environment and flags as at start). */
    public interface Source {
        ExporterConfig load() throws ConfigException;
    }

    /** What a reload did: the answer of {@code /-/reload}. */
    public record Outcome(boolean applied, String message, List<String> restartNeeded) {}

    private final Source source;
    private final RunningConfig config;
    private final Counter failures = Counter.builder().name("kong_exporter_config_reload_failures_total")
            .help("Configuration reloads rejected because the new configuration was invalid; the previous one stayed in force.")
            .withoutExemplars().build();
    private final Gauge lastSuccessful = Gauge.builder().name("kong_exporter_config_last_reload_successful")
            .help("1 if the last configuration reload succeeded (or none was tried), 0 if it was rejected.").build();

    public ConfigReloader(Source source, RunningConfig config) {
        this.source = source;
        this.config = config;
        lastSuccessful.set(1);
    }

    @Override
    public void register(PrometheusRegistry registry) {
        registry.register(failures);
        registry.register(lastSuccessful);
    }

    @Override
    public List<Route> routes() {
        Handler reload = ctx -> {
            Outcome outcome = reload();
            ctx.status(outcome.applied() ? 200 : 400).json(outcome);
        };
        return List.of(Route.post("/-/reload", reload), new Route(HandlerType.PUT, "/-/reload", reload));
    }

    public synchronized Outcome reload() {
        ExporterConfig next;
        try {
            next = source.load();
        } catch (ConfigException e) {
            failures.inc();
            lastSuccessful.set(0);
            LOG.error("configuration reload rejected, keeping the running configuration: {}", e.getMessage());
            return new Outcome(false, e.getMessage(), List.of());
        }
        List<String> restartNeeded = List.copyOf(config.update(next));
        lastSuccessful.set(1);
        if (!restartNeeded.isEmpty()) {
            LOG.warn("configuration reloaded; these changes need a restart and were not applied: {}", restartNeeded);
        } else {
            LOG.info("configuration reloaded");
        }
        return new Outcome(true, "configuration reloaded", restartNeeded);
    }
}
