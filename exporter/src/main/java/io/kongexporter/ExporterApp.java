package io.kongexporter;

import io.kongexporter.adminstream.AdminStreamFeature;
import io.kongexporter.alerts.AlertsFeature;
import io.kongexporter.config.ExporterConfig;
import io.kongexporter.core.Lifecycle;
import io.kongexporter.core.RunningConfig;
import io.kongexporter.ingest.IngestFeature;
import io.kongexporter.kafka.KafkaIngestFeature;
import io.kongexporter.kafka.LiveTopicFeature;
import io.kongexporter.live.LiveFeature;
import io.kongexporter.logging.LoggingFeature;
import io.kongexporter.metrics.BuildInfo;
import io.kongexporter.metrics.ExporterRegistry;
import io.kongexporter.probe.ProbeFeature;
import io.kongexporter.reload.ConfigReloader;
import io.kongexporter.sockets.SyslogFeature;
import io.kongexporter.sockets.TcpLogFeature;
import io.kongexporter.sockets.UdpLogFeature;
import io.kongexporter.status.PollingFeature;
import io.kongexporter.traffic.TrafficFeature;
import io.kongexporter.web.WebAuth;
import io.kongexporter.web.WebEndpoints;
import io.kongexporter.web.WebServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * One running exporter: its features in start order, wired from a validated configuration. Data flows one way:
 * Kong's {@code /status} → polling → snapshots → node metrics and the live view; http-log → ingest → entries →
 * traffic metrics and the live view (tcp-log, udp-log and syslog hand theirs to the same pipeline). Tests start it on port 0.
 */
public final class ExporterApp implements AutoCloseable {
    static final long SSE_HEARTBEAT_MILLIS = 15_000;

    private final Lifecycle lifecycle;
    private final RunningConfig config;
    private final PollingFeature polling;
    private final ConfigReloader reloader;
    private final WebServer web;

    private ExporterApp(ExporterConfig initial, long heartbeatMillis, ConfigReloader.Source reloadSource) {
        Clock clock = Clock.systemUTC();
        BuildInfo build = BuildInfo.fromBuild();
        PrometheusRegistry registry = ExporterRegistry.create(build);
        config = new RunningConfig(initial);
        lifecycle = new Lifecycle(registry, config);
        try {
            lifecycle.add(new LoggingFeature(config));
            polling = lifecycle.add(new PollingFeature(config, clock, build.version()));
            TrafficFeature traffic = lifecycle.add(new TrafficFeature(config));
            LiveFeature live = lifecycle.add(new LiveFeature(config, polling, clock, heartbeatMillis));
            lifecycle.add(new AlertsFeature(live.hub()));
            lifecycle.add(new AdminStreamFeature(config, live.slots(), build.version(), heartbeatMillis));
            IngestFeature ingest = lifecycle.add(new IngestFeature(config, List.of(traffic, live.trafficSink())));
            KafkaIngestFeature kafka = lifecycle.add(new KafkaIngestFeature(config, ingest.pipeline()));
            lifecycle.add(new TcpLogFeature(config, ingest.pipeline()));
            lifecycle.add(new UdpLogFeature(config, ingest.pipeline()));
            lifecycle.add(new SyslogFeature(config, ingest.pipeline()));
            lifecycle.add(new LiveTopicFeature(config, live.fleet()));
            lifecycle.add(new ProbeFeature(config, clock, build.version()));
            reloader = lifecycle.add(new ConfigReloader(reloadSource, config));
            lifecycle.add(new WebEndpoints(registry, build, polling::firstRoundTried, List.of(polling.nodeTable(), ingest.statusSection()),
                    kafka.scrapeListener()));
            WebAuth auth = new WebAuth(initial.web().users(), initial.web().headers(), Set.of("/-/healthy", ingest.path()));
            web = lifecycle.add(new WebServer(initial.listen(), initial.web(), lifecycle.routes(), auth));
        } catch (RuntimeException e) {
            lifecycle.close();
            throw e;
        }
    }

    public static ExporterApp start(ExporterConfig config) {
        return start(config, SSE_HEARTBEAT_MILLIS);
    }

    /** With a shorter SSE heartbeat, for tests. */
    public static ExporterApp start(ExporterConfig config, long heartbeatMillis) {
        return start(config, heartbeatMillis, () -> config);
    }

    /** With the source {@code /-/reload} and SIGHUP re-read the configuration from. */
    public static ExporterApp start(ExporterConfig config, long heartbeatMillis, ConfigReloader.Source reloadSource) {
        ExporterApp app = new ExporterApp(config, heartbeatMillis, reloadSource);
        app.lifecycle.start();
        return app;
    }

    /** SIGHUP: the same as {@code POST /-/reload}. */
    public ConfigReloader.Outcome reload() {
        return reloader.reload();
    }

    public int port() {
        return web.port();
    }

    /** The configuration in force. */
    public ExporterConfig config() {
        return config.get();
    }

    public PollingFeature polling() {
        return polling;
    }

    /**
     * Also SIGTERM: the log receiver stops accepting (503, so Kong keeps and re-sends), bodies in flight finish and
     * the total accepted is logged, live subscriptions end, then every feature closes.
     */
    @Override
    public void close() {
        lifecycle.close();
    }
}
