package io.kongexporter.live;

import io.kongexporter.core.Component;
import io.kongexporter.core.ConfigChange;
import io.kongexporter.core.Route;
import io.kongexporter.core.RunningConfig;
import io.kongexporter.core.Threads;
import io.kongexporter.config.ConfigKey;
import io.kongexporter.config.NodeConfig;
import io.kongexporter.ingest.EntrySink;
import io.kongexporter.sse.EventsEndpoint;
import io.kongexporter.sse.LiveHub;
import io.kongexporter.sse.LiveMetricsCollector;
import io.kongexporter.sse.SubscriberSlots;
import io.kongexporter.status.PollingFeature;
import io.kongexporter.web.StaticPage;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The live view: {@code /events} (node status, per-second traffic, cluster counts and alerts as server-sent
 * events), {@code /api/history} and the page {@code /live}. Everything applies live but {@code live.kafka_topic}: with
 * it, the traffic shown is the fleet's ({@link FleetShares}, carried by the kafka feature).
 */
public final class LiveFeature implements Component {
    static final int REPLAY_EVENTS = 4096;

    private final SubscriberSlots slots;
    private final LiveHub hub;
    private final StatusFeed status;
    private final TrafficFeed traffic;
    private final FleetShares fleet;
    private final long heartbeatMillis;
    private final ScheduledExecutorService clusterTicker = Executors.newSingleThreadScheduledExecutor(Threads.daemon("cluster-count"));

    public LiveFeature(RunningConfig config, PollingFeature polling, Clock clock, long heartbeatMillis) {
        this.slots = new SubscriberSlots(() -> config.get().live().maxClients());
        this.hub = new LiveHub(slots, REPLAY_EVENTS);
        this.status = new StatusFeed(hub, polling::snapshots, () -> config.get().kong().heartbeatWindow(), clock);
        boolean kafka = config.get().kafka().enabled();
        this.fleet = kafka && config.get().live().kafkaTopic().isPresent() ? new FleetShares(ReplicaId.of(clock), clock) : null;
        this.traffic = new TrafficFeed(hub, clock, fleet, kafka && fleet == null);
        this.heartbeatMillis = heartbeatMillis;
        polling.onPoll(status::polled);
    }

    /** The hub other features publish to (alerts). */
    public LiveHub hub() {
        return hub;
    }

    /** This replica's link to the fleet's live view, when {@code live.kafka_topic} is set. */
    public Optional<FleetLink> fleet() {
        return Optional.ofNullable(fleet);
    }

    /** The subscriber cap, shared with {@code /stream}. */
    public SubscriberSlots slots() {
        return slots;
    }

    /** Where accepted log entries go to become per-second traffic. */
    public EntrySink trafficSink() {
        return traffic;
    }

    @Override
    public void register(PrometheusRegistry registry) {
        registry.register(new LiveMetricsCollector(slots, hub));
        registry.register(traffic.lateEntries());
        if (fleet != null) {
            fleet.register(registry);
        }
    }

    @Override
    public List<Route> routes() {
        StaticPage page = new StaticPage("live", "index.html");
        return List.of(
                Route.get("/events", new EventsEndpoint(hub, heartbeatMillis)),
                Route.get("/api/history", new HistoryEndpoint(traffic)),
                Route.get("/live", ctx -> {
                    if (ctx.req().getRequestURI().endsWith("/")) {
                        page.handle(ctx);
                    } else {
                        ctx.redirect(ctx.req().getRequestURI() + "/");
                    }
                }),
                Route.get("/live/{file}", page));
    }

    @Override
    public void start() {
        traffic.start();
        clusterTicker.scheduleAtFixedRate(status::countCluster, 0, 1, TimeUnit.SECONDS);
    }

    /** Nodes that left the configuration leave the status snapshot; {@code live.kafka_topic} is read at start only. */
    @Override
    public Set<ConfigKey> apply(ConfigChange change) {
        Set<String> kept = change.next().kong().nodes().stream().map(NodeConfig::name).collect(Collectors.toSet());
        change.previous().kong().nodes().stream().map(NodeConfig::name).filter(n -> !kept.contains(n)).forEach(hub::removeStatus);
        return change.changedOf(ConfigKey.LIVE_KAFKA_TOPIC);
    }

    /** Ends every subscription while the web server still runs, so each response completes cleanly. */
    @Override
    public void quiesce() {
        hub.closeAll();
    }

    @Override
    public void close() {
        clusterTicker.shutdownNow();
        traffic.close();
    }
}
