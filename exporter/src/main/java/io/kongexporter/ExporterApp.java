package io.kongexporter;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.kongexporter.config.ExporterConfig;
import io.kongexporter.ingest.IngestStats;
import io.kongexporter.ingest.LogIngestEndpoint;
import io.kongexporter.live.AlertFeed;
import io.kongexporter.live.EventsEndpoint;
import io.kongexporter.live.HistoryEndpoint;
import io.kongexporter.live.LiveHub;
import io.kongexporter.live.LiveMetricsCollector;
import io.kongexporter.live.StatusFeed;
import io.kongexporter.live.StreamEndpoint;
import io.kongexporter.live.TrafficFeed;
import io.kongexporter.metrics.BuildInfo;
import io.kongexporter.metrics.ExporterRegistry;
import io.kongexporter.probe.ProbeEndpoint;
import io.kongexporter.status.KongClient;
import io.kongexporter.status.NodeFleet;
import io.kongexporter.status.metrics.KongNodeCollector;
import io.kongexporter.traffic.SeriesUsageCollector;
import io.kongexporter.traffic.TrafficRecorder;
import io.kongexporter.web.Route;
import io.kongexporter.web.StaticPage;
import io.kongexporter.web.WebAuth;
import io.kongexporter.web.WebServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running exporter: pollers, log receiver, live view, registry and web server, wired from a validated config.
 * Tests start it on port 0.
 */
public final class ExporterApp implements AutoCloseable {
    static final long SSE_HEARTBEAT_MILLIS = 15_000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExporterApp.class);
    static final Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final NodeFleet fleet;
    private final WebServer web;
    private final LogIngestEndpoint ingest;
    private final TrafficRecorder traffic;
    private final LiveHub hub;
    private final List<AutoCloseable> resources;
    private volatile ExporterConfig config;

    private final WebAuth auth;

    private ExporterApp(ExporterConfig config, NodeFleet fleet, WebServer web, LogIngestEndpoint ingest, TrafficRecorder traffic, LiveHub hub,
                        WebAuth auth, List<AutoCloseable> resources) {
        this.auth = auth;
        this.config = config;
        this.fleet = fleet;
        this.web = web;
        this.ingest = ingest;
        this.traffic = traffic;
        this.hub = hub;
        this.resources = resources;
    }

    public static ExporterApp start(ExporterConfig config) {
        return start(config, SSE_HEARTBEAT_MILLIS);
    }

    /** With a shorter SSE heartbeat, for tests. */
    public static ExporterApp start(ExporterConfig config, long heartbeatMillis) {
        return start(config, heartbeatMillis, () -> config);
    }

    /** With the source {@code /-/reload} and SIGHUP re-read the configuration from. */
    static ExporterApp start(ExporterConfig config, long heartbeatMillis, ConfigReloader.Source reloadSource) {
        Clock clock = Clock.systemUTC();
        BuildInfo build = BuildInfo.fromManifest();
        LiveHub hub = new LiveHub(config.live().maxClients(), 4096);
        AtomicReference<NodeFleet> fleetRef = new AtomicReference<>();
        StatusFeed status = new StatusFeed(hub, () -> fleetRef.get().snapshots(), () -> fleetRef.get().config().heartbeatWindow(), clock);
        NodeFleet fleet = new NodeFleet(config.kong(), clock, build.version(), status::polled);
        fleetRef.set(fleet);

        KongNodeCollector collector = new KongNodeCollector(fleet::snapshots, () -> fleet.config().heartbeatWindow(), clock, config.metrics().naming());
        PrometheusRegistry registry = ExporterRegistry.create(collector, build);
        TrafficRecorder traffic = new TrafficRecorder(config.metrics(), config.ingest().extraLabels(), registry);
        registry.register(new SeriesUsageCollector(traffic));
        registry.register(new LiveMetricsCollector(hub));
        TrafficFeed trafficFeed = new TrafficFeed(hub, clock);
        AlertFeed alerts = new AlertFeed(hub);
        LogIngestEndpoint ingest = new LogIngestEndpoint(config.ingest(), List.of(traffic, trafficFeed), new IngestStats(registry));
        ExecutorService streamIo = Executors.newFixedThreadPool(2, daemon("admin-stream-io"));
        KongClient streamClient = new KongClient(config.kong().timeout(), streamIo, build.version());
        StreamEndpoint stream = new StreamEndpoint(config.kong(), config.live().streamPaths(), streamClient, config.live().maxClients(), heartbeatMillis);
        StaticPage livePage = new StaticPage("live", "index.html");
        java.util.concurrent.ExecutorService probeIo = Executors.newFixedThreadPool(2, daemon("probe-io"));
        ScheduledExecutorService probeTimers = Executors.newSingleThreadScheduledExecutor(daemon("probe-timer"));
        ProbeEndpoint probe = new io.kongexporter.probe.ProbeEndpoint(fleet::config,
                new KongClient(config.kong().timeout(), probeIo, build.version()), probeTimers, clock, config.metrics().naming());
        ConfigReloader reloader = new ConfigReloader(reloadSource, registry);
        Handler reload = ctx -> {
            ConfigReloader.Outcome outcome = reloader.reload();
            ctx.status(outcome.applied() ? 200 : 400).json(outcome);
        };

        String logs = config.ingest().path();
        List<Route> routes = List.of(
                new Route(HandlerType.POST, logs, ingest), new Route(HandlerType.PUT, logs, ingest), new Route(HandlerType.PATCH, logs, ingest),
                Route.get("/events", new EventsEndpoint(hub, heartbeatMillis)),
                Route.get("/api/history", new HistoryEndpoint(trafficFeed)),
                Route.get("/api/alerts", ctx -> ctx.json(alerts.firing())),
                Route.post("/alerts/webhook", alerts::receive),
                Route.get("/stream/{node}/<path>", stream),
                Route.get("/live", ctx -> {
                    if (ctx.req().getRequestURI().endsWith("/")) {
                        livePage.handle(ctx);
                    } else {
                        ctx.redirect(ctx.req().getRequestURI() + "/");
                    }
                }),
                Route.get("/live/{file}", livePage),
                Route.get("/probe", probe),
                Route.post("/-/reload", reload), new Route(HandlerType.PUT, "/-/reload", reload));
        WebAuth auth = new WebAuth(config.web().users(), config.web().headers(), Set.of("/-/healthy", logs));
        WebServer web = new WebServer(registry, fleet, build, fleet::firstRoundTried, clock, routes, config.listen(), config.web(), auth);

        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(daemon("series-sweeper"));
        sweeper.scheduleWithFixedDelay(traffic::removeIdle, 1, 1, TimeUnit.MINUTES);
        sweeper.scheduleAtFixedRate(status::countCluster, 0, 1, TimeUnit.SECONDS);
        fleet.start();
        try {
            web.start(config.listen());
        } catch (RuntimeException e) {
            fleet.close();
            sweeper.shutdownNow();
            trafficFeed.close();
            stream.close();
            throw e;
        }
        ExporterApp app = new ExporterApp(config, fleet, web, ingest, traffic, hub, auth, List.of(hub::closeAll, web, sweeper::shutdownNow, trafficFeed, stream, fleet,
                probeIo::shutdownNow, probeTimers::shutdownNow, streamIo::shutdownNow));
        reloader.attach(app);
        app.reloader = reloader;
        return app;
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private ConfigReloader reloader;

    /** SIGHUP: the same as {@code POST /-/reload}. */
    public void reload() {
        reloader.reload();
    }

    /**
     * Applies a reloaded configuration: Kong nodes and polling settings, log receiver credentials and limits, traffic
     * metric limits. Returns the changed keys that only take effect after a restart (they keep their running value).
     */
    synchronized List<String> apply(ExporterConfig next) {
        List<String> restartNeeded = new ArrayList<>();
        if (!next.listen().equals(config.listen())) {
            restartNeeded.add("listen");
        }
        if (!next.ingest().path().equals(config.ingest().path())) {
            restartNeeded.add("ingest.path");
        }
        if (!next.ingest().extraLabels().equals(config.ingest().extraLabels())) {
            restartNeeded.add("ingest.extra_labels");
        }
        if (next.metrics().naming() != config.metrics().naming() || next.metrics().consumerLabel() != config.metrics().consumerLabel()
                || !next.metrics().latencyBucketsSeconds().equals(config.metrics().latencyBucketsSeconds())) {
            restartNeeded.add("metrics.naming, metrics.consumer_label, metrics.latency_buckets");
        }
        if (!next.live().equals(config.live())) {
            restartNeeded.add("live");
        }
        if (next.web().tls().isPresent() != config.web().tls().isPresent()
                || next.web().tls().isPresent() && !web.reloadTls(next.web().tls().get())) {
            restartNeeded.add("web config tls_server_config (turning TLS on or off)");
        }
        auth.apply(next.web().users(), next.web().headers());
        for (String removed : fleet.apply(next.kong())) {
            hub.removeStatus(removed);
        }
        ingest.apply(next.ingest());
        traffic.applyLimits(next.metrics());
        config = next;
        return restartNeeded;
    }

    public int port() {
        return web.port();
    }

    public NodeFleet fleet() {
        return fleet;
    }

    /**
     * SIGTERM: stop accepting logs (503, so Kong keeps and re-sends them), let the requests in flight finish, then
     * stop. Logs how many entries were accepted in total, so nothing accepted goes unaccounted.
     */
    public void shutDownGracefully() {
        try {
            long accepted = ingest.drain(DRAIN_TIMEOUT);
            LOG.info("shutting down: log receiver drained; {} entries accepted in total", accepted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing down anyway
            }
        }
    }
}
