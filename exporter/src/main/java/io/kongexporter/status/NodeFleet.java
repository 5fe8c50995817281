package io.kongexporter.status;

import io.kongexporter.core.Threads;
import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All configured nodes, each polled every {@code poll_interval} on its own schedule (start times spread over the
 * interval so a thousand nodes do not fire at once). One scheduler thread starts polls; the HTTP client's small
 * pool does the I/O and parsing asynchronously, so a hanging node never holds a thread. A reload applies a new
 * {@code kong:} section: added nodes start, removed ones stop (their series go), unchanged ones keep polling with
 * their counters.
 */
public final class NodeFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeFleet.class);

    /** A poller and its schedule. */
    private record Polled(NodePoller poller, ScheduledFuture<?> schedule) {}

    private final Clock clock;
    private final String version;
    private final Consumer<NodeSnapshot> listener;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService io;
    private volatile KongConfig config;
    private volatile KongClient client;
    private volatile Map<String, Polled> pollers = Map.of();
    private boolean started;

    public NodeFleet(KongConfig config, Clock clock, String version) {
        this(config, clock, version, snapshot -> { });
    }

    /** With a listener called after every poll of every node (on a poller thread: it must be quick and never block). */
    public NodeFleet(KongConfig config, Clock clock, String version, Consumer<NodeSnapshot> listener) {
        this.config = config;
        this.clock = clock;
        this.version = version;
        this.listener = listener;
        this.scheduler = new ScheduledThreadPoolExecutor(1, Threads.daemon("kong-poll-scheduler"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.io = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), Threads.daemon("kong-poll-io"));
        this.client = new KongClient(config.timeout(), io, version);
    }

    public synchronized void start() {
        started = true;
        Map<String, Polled> created = new LinkedHashMap<>();
        List<NodeConfig> nodes = config.nodes();
        long intervalNanos = config.pollInterval().toNanos();
        for (int i = 0; i < nodes.size(); i++) {
            created.put(nodes.get(i).name(), schedule(nodes.get(i), intervalNanos * i / nodes.size()));
        }
        pollers = created;
    }

    /**
     * Applies a reloaded {@code kong:} section. When only the node list changed, unchanged nodes keep their poller
     * (and counters); when polling settings changed, every poller restarts with them. Returns the names removed.
     */
    public synchronized List<String> apply(KongConfig next) {
        boolean settingsChanged = !next.pollInterval().equals(config.pollInterval()) || !next.timeout().equals(config.timeout())
                || next.upstreamHealth() != config.upstreamHealth() || next.certificates() != config.certificates() || !next.heartbeatWindow().equals(config.heartbeatWindow());
        if (!next.timeout().equals(config.timeout())) {
            client = new KongClient(next.timeout(), io, version);
        }
        config = next;
        Map<String, Polled> old = pollers;
        Map<String, Polled> updated = new LinkedHashMap<>();
        List<NodeConfig> nodes = next.nodes();
        long intervalNanos = next.pollInterval().toNanos();
        for (int i = 0; i < nodes.size(); i++) {
            NodeConfig node = nodes.get(i);
            Polled existing = old.get(node.name());
            if (existing != null && !settingsChanged && existing.poller().node().equals(node)) {
                updated.put(node.name(), existing);
            } else {
                if (existing != null) {
                    existing.schedule().cancel(false);
                }
                updated.put(node.name(), schedule(node, intervalNanos * i / Math.max(1, nodes.size())));
                LOG.info("node {}: {} ({})", node.name(), existing == null ? "added" : "reconfigured", node.url());
            }
        }
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, Polled> entry : old.entrySet()) {
            if (!updated.containsKey(entry.getKey())) {
                entry.getValue().schedule().cancel(false);
                removed.add(entry.getKey());
                LOG.info("node {}: removed from the configuration; its series go", entry.getKey());
            }
        }
        pollers = updated;
        return removed;
    }

    private Polled schedule(NodeConfig node, long offsetNanos) {
        NodePoller poller = new NodePoller(node, config, client, scheduler, clock, listener);
        long intervalNanos = config.pollInterval().toNanos();
        ScheduledFuture<?> schedule = started
                ? scheduler.scheduleAtFixedRate(poller::poll, offsetNanos, intervalNanos, TimeUnit.NANOSECONDS)
                : null;
        return new Polled(poller, schedule);
    }

    public List<NodeSnapshot> snapshots() {
        Map<String, Polled> current = pollers;
        List<NodeSnapshot> all = new ArrayList<>(current.size());
        for (Polled polled : current.values()) {
            all.add(polled.poller().snapshot());
        }
        return all;
    }

    /** True once every node has been polled at least once (successfully or not). */
    public boolean firstRoundTried() {
        for (Polled polled : pollers.values()) {
            if (polled.poller().snapshot().lastAttempt() == null) {
                return false;
            }
        }
        return true;
    }

    public KongConfig config() {
        return config;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        io.shutdownNow();
    }

}
