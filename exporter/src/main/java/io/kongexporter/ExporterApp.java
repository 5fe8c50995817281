package io.kongexporter;

import io.kongexporter.config.ExporterConfig;
import io.kongexporter.ingest.IngestStats;
import io.kongexporter.ingest.LogIngestEndpoint;
import io.kongexporter.metrics.BuildInfo;
import io.kongexporter.metrics.ExporterRegistry;
import io.kongexporter.metrics.KongNodeCollector;
import io.kongexporter.status.NodeFleet;
import io.kongexporter.traffic.SeriesUsageCollector;
import io.kongexporter.traffic.TrafficRecorder;
import io.kongexporter.web.WebServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One running exporter: pollers, log receiver, registry and web server, wired from a validated config. Tests start it on port 0. */
public final class ExporterApp implements AutoCloseable {
    private final NodeFleet fleet;
    private final WebServer web;
    private final ScheduledExecutorService sweeper;

    private ExporterApp(NodeFleet fleet, WebServer web, ScheduledExecutorService sweeper) {
        this.fleet = fleet;
        this.web = web;
        this.sweeper = sweeper;
    }

    public static ExporterApp start(ExporterConfig config) {
        Clock clock = Clock.systemUTC();
        BuildInfo build = BuildInfo.fromManifest();
        NodeFleet fleet = new NodeFleet(config.kong(), clock, build.version());
        KongNodeCollector collector = new KongNodeCollector(fleet::snapshots, config.kong().heartbeatWindow(), clock, config.metrics().naming());
        PrometheusRegistry registry = ExporterRegistry.create(collector, build);
        TrafficRecorder traffic = new TrafficRecorder(config.metrics(), config.ingest().extraLabels(), registry);
        registry.register(new SeriesUsageCollector(traffic));
        LogIngestEndpoint ingest = new LogIngestEndpoint(config.ingest(), traffic, new IngestStats(registry));
        WebServer web = new WebServer(registry, fleet, build, fleet::firstRoundTried, clock, config.ingest().path(), ingest);
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "series-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(traffic::removeIdle, 1, 1, TimeUnit.MINUTES);
        fleet.start();
        try {
            web.start(config.listen());
        } catch (RuntimeException e) {
            fleet.close();
            sweeper.shutdownNow();
            throw e;
        }
        return new ExporterApp(fleet, web, sweeper);
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
        sweeper.shutdownNow();
        fleet.close();
    }
}
