package io.kongexporter;

import io.kongexporter.config.ExporterConfig;
import io.kongexporter.metrics.BuildInfo;
import io.kongexporter.metrics.ExporterRegistry;
import io.kongexporter.metrics.KongNodeCollector;
import io.kongexporter.status.NodeFleet;
import io.kongexporter.web.WebServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;

/** One running exporter: pollers, registry and web server, wired from a validated config. Tests start it on port 0. */
public final class ExporterApp implements AutoCloseable {
    private final NodeFleet fleet;
    private final WebServer web;

    private ExporterApp(NodeFleet fleet, WebServer web) {
        this.fleet = fleet;
        this.web = web;
    }

    public static ExporterApp start(ExporterConfig config) {
        Clock clock = Clock.systemUTC();
        BuildInfo build = BuildInfo.fromManifest();
        NodeFleet fleet = new NodeFleet(config.kong(), clock, build.version());
        KongNodeCollector collector = new KongNodeCollector(fleet::snapshots, config.kong().heartbeatWindow(), clock);
        PrometheusRegistry registry = ExporterRegistry.create(collector, build);
        WebServer web = new WebServer(registry, fleet, build, fleet::firstRoundTried, clock);
        fleet.start();
        try {
            web.start(config.listen());
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return new ExporterApp(fleet, web);
    }

    public int port() {
        return web.port();
    }

    public NodeFleet fleet() {
        return fleet;
    }

    @Override
    public void close() {
        web.close();
        fleet.close();
    }
}
