package io.kongexporter.probe;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import io.kongexporter.config.MetricsConfig;
import io.kongexporter.status.KongClient;
import io.kongexporter.status.NodePoller;
import io.kongexporter.status.NodeSnapshot;
import io.kongexporter.core.ApiError;
import io.kongexporter.status.metrics.KongNodeCollector;
import io.kongexporter.status.metrics.NodeMetrics;
import io.kongexporter.web.MetricsEndpoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@code GET /probe?target=<node>}: polls one Kong node now and answers with its metrics, the multi-target pattern
 * of the blackbox and snmp exporters, so Prometheus service discovery decides which nodes exist and {@code hashmod}
 * relabeling shards them across exporter replicas. The target must be a configured node name or match
 * {@code kong.probe_targets}; anything else is 400, so the exporter never reaches arbitrary hosts. The poll is
 * bounded by {@code X-Prometheus-Scrape-Timeout-Seconds} minus a margin.
 */
public final class ProbeEndpoint implements Handler {
    static final Duration MARGIN = Duration.ofMillis(500);
    static final int MAX_REMEMBERED = 10_000;

    private final Supplier<KongConfig> kong;
    private final KongClient client;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final NodeMetrics naming;
    private final Map<String, NodePoller> pollers = new ConcurrentHashMap<>();

    public ProbeEndpoint(Supplier<KongConfig> kong, KongClient client, ScheduledExecutorService scheduler, Clock clock, MetricsConfig.Naming naming) {
        this.kong = kong;
        this.client = client;
        this.scheduler = scheduler;
        this.clock = clock;
        this.naming = NodeMetrics.of(naming);
    }

    @Override
    public void handle(Context ctx) throws Exception {
        KongConfig config = kong.get();
        NodeConfig node = resolve(ctx.queryParam("target"), config);
        NodePoller poller = pollers.get(node.name());
        if (poller == null || !poller.node().equals(node)) {
            poller = new NodePoller(node, config, client, scheduler, clock, snapshot -> { });
            if (pollers.size() < MAX_REMEMBERED) {
                pollers.put(node.name(), poller);
            }
        }
        Duration budget = budget(ctx.header("X-Prometheus-Scrape-Timeout-Seconds"), config);
        NodeSnapshot snapshot;
        try {
            snapshot = poller.poll().get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            snapshot = poller.snapshot().timedOut("probe did not finish within " + budget.toMillis() + " ms");
        }
        NodeSnapshot result = snapshot;
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new KongNodeCollector(() -> List.of(result), config::heartbeatWindow, clock, naming));
        new MetricsEndpoint(registry).handle(ctx);
    }

    /** The scrape timeout Prometheus sent minus a margin, at most two poll timeouts plus the retry wait. */
    static Duration budget(String header, KongConfig config) {
        Duration most = config.timeout().multipliedBy(2).plusMillis(200);
        if (header == null) {
            return most;
        }
        try {
            Duration given = Duration.ofMillis((long) (Double.parseDouble(header.trim()) * 1000)).minus(MARGIN);
            return given.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : given.compareTo(most) > 0 ? most : given;
        } catch (NumberFormatException e) {
            return most;
        }
    }

    /** A configured node by name, or a URL / host:port matching {@code kong.probe_targets}; else 400. */
    static NodeConfig resolve(String target, KongConfig config) {
        if (target == null || target.isBlank()) {
            throw ApiError.badRequest("missing ?target= (a configured node name, or host:port matching kong.probe_targets)");
        }
        for (NodeConfig node : config.nodes()) {
            if (node.name().equals(target)) {
                return node;
            }
        }
        URI uri;
        try {
            uri = new URI(target.contains("://") ? target : "http://" + target);
        } catch (URISyntaxException e) {
            throw notAllowed();
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || uri.getPort() < 0 || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw notAllowed();
        }
        if (config.probeTargets().stream().noneMatch(t -> t.allows(scheme, uri.getHost(), uri.getPort()))) {
            throw notAllowed();
        }
        String name = uri.getHost() + ":" + uri.getPort();
        return new NodeConfig(name, URI.create(scheme + "://" + name));
    }

    private static ApiError notAllowed() {
        return ApiError.badRequest("target is neither a configured node nor allowed by kong.probe_targets");
    }
}
