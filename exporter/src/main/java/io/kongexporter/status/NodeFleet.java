package io.kongexporter.status;

import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * All configured nodes, each polled every {@code poll_interval} on its own schedule (start times spread over the
 * interval so a thousand nodes do not fire at once). One scheduler thread starts polls; the HTTP client's small
 * pool does the I/O and parsing asynchronously, so a hanging node never holds a thread.
 */
public final class NodeFleet implements AutoCloseable {
    private final KongConfig config;
    private final List<NodePoller> pollers;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService io;

    public NodeFleet(KongConfig config, Clock clock, String version) {
        this(config, clock, version, snapshot -> { });
    }

    /** With a listener called after every poll of every node (on a poller thread: it must be quick and never block). */
    public NodeFleet(KongConfig config, Clock clock, String version, Consumer<NodeSnapshot> listener) {
        this.config = config;
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("kong-poll-scheduler"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.io = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("kong-poll-io"));
        KongClient client = new KongClient(config.timeout(), io, version);
        List<NodePoller> created = new ArrayList<>();
        for (NodeConfig node : config.nodes()) {
            created.add(new NodePoller(node, config, client, scheduler, clock, listener));
        }
        this.pollers = List.copyOf(created);
    }

    public void start() {
        long intervalNanos = config.pollInterval().toNanos();
        int n = pollers.size();
        for (int i = 0; i < n; i++) {
            NodePoller poller = pollers.get(i);
            long offset = intervalNanos * i / n;
            scheduler.scheduleAtFixedRate(poller::poll, offset, intervalNanos, TimeUnit.NANOSECONDS);
        }
    }

    public List<NodeSnapshot> snapshots() {
        List<NodeSnapshot> all = new ArrayList<>(pollers.size());
        for (NodePoller poller : pollers) {
            all.add(poller.snapshot());
        }
        return all;
    }

    /** True once every node has been polled at least once (successfully or not). */
    public boolean firstRoundTried() {
        for (NodePoller poller : pollers) {
            if (poller.snapshot().lastAttempt() == null) {
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

    static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
