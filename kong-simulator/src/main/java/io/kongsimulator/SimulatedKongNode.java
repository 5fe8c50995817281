package io.kongsimulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One simulated Kong node: a real HTTP server on 127.0.0.1 serving the Admin API (or only the Status
 * API, {@link Listener}) bodies of its profile's Kong version, computed at request time so they evolve. It can crash ({@link #goDown()}:
 * the port refuses connections) and restart ({@link #comeBack()}: same port, new node_id and pids,
 * counters from zero).
 */
public final class SimulatedKongNode implements AutoCloseable {

    private static final InetAddress LOOPBACK = loopbackV4();
    private static final int BIND_ATTEMPTS = 40;
    private static final long BIND_RETRY_MS = 50;

    private final NodeProfile profile;
    private final Listener listener;
    private final Scenario scenario;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final UpstreamCatalog upstreams;
    private final List<SimulatedDataPlane> dataPlanes;
    private final Object lock = new Object();

    private volatile Incarnation life;
    private volatile HttpServer server;
    private volatile int port;
    private boolean closed;

    /** A node with the default scenario and its own two-thread executor. */
    public SimulatedKongNode(NodeProfile profile) {
        this(profile, Scenario.defaults(), null);
    }

    /**
     * A node of {@code scenario} whose requests run on {@code executor}, which the caller owns;
     * {@code null} gives the node its own small executor, shut down by {@link #close()}.
     */
    public SimulatedKongNode(NodeProfile profile, Scenario scenario, Executor executor) {
        this(profile, Listener.ADMIN_API, scenario, executor);
    }

    /** As {@link #SimulatedKongNode(NodeProfile, Scenario, Executor)}, serving the given listener of the node. */
    public SimulatedKongNode(NodeProfile profile, Listener listener, Scenario scenario, Executor executor) {
        this.profile = profile;
        this.listener = listener;
        this.scenario = scenario;
        this.ownedExecutor = executor == null
                ? Executors.newFixedThreadPool(2, new DaemonThreadFactory(profile.name() + "-http")) : null;
        this.executor = executor == null ? ownedExecutor : executor;
        this.upstreams = UpstreamCatalog.demo(scenario.seed());
        this.dataPlanes = profile.isControlPlane()
                ? SimulatedDataPlane.demoFleet(scenario.seed(), scenario.nowMillis()) : List.of();
    }

    /** Starts listening on a free loopback port, as a node that has been up for a few days. */
    public void start() {
        start(0);
    }

    /** Starts listening on 127.0.0.1:{@code wantedPort} (0: a free port), as a node that has been up for a few days. */
    public void start(int wantedPort) {
        synchronized (lock) {
            if (closed || life != null) {
                throw new IllegalStateException(profile.name() + " was already started");
            }
            life = Incarnation.first(profile, scenario.seed(), scenario.nowMillis());
            listen(wantedPort);
        }
    }

    /** {@code http://127.0.0.1:PORT}, the same across restarts. */
    public URI baseUrl() {
        requireStarted();
        return URI.create("http://127.0.0.1:" + port);
    }

    public String name() {
        return profile.name();
    }

    public NodeProfile profile() {
        return profile;
    }

    /** The node_id of the current incarnation, as {@code GET /} reports it. */
    public String nodeId() {
        requireStarted();
        return life.nodeId().toString();
    }

    /** Crashes the node: the listener closes, open connections drop, new ones are refused. */
    public void goDown() {
        synchronized (lock) {
            requireStarted();
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
    }

    /** Restarts a crashed node on the same port with a new node_id, new pids and fresh counters. */
    public void comeBack() {
        synchronized (lock) {
            requireStarted();
            if (closed) {
                throw new IllegalStateException(profile.name() + " is closed");
            }
            if (server == null) {
                life = life.restarted(profile, scenario.nowMillis());
                listen(port);
            }
        }
    }

    public boolean isUp() {
        return server != null;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    private void listen(int wantedPort) {
        HttpServer created = bind(wantedPort);
        port = created.getAddress().getPort();
        created.createContext("/", new AdminApi(profile, listener, scenario, life, port, upstreams, dataPlanes));
        created.setExecutor(executor);
        created.start();
        server = created;
    }

    /** Binds 127.0.0.1:{@code wantedPort}; a fixed port may still be held for a moment after a crash, so retry. */
    private HttpServer bind(int wantedPort) {
        InetSocketAddress address = new InetSocketAddress(LOOPBACK, wantedPort);
        for (int attempt = 1; ; attempt++) {
            try {
                return HttpServer.create(address, 0);
            } catch (BindException e) {
                if (wantedPort == 0 || attempt == BIND_ATTEMPTS) {
                    throw new UncheckedIOException(profile.name() + " cannot listen on " + address, e);
                }
                pause();
            } catch (IOException e) {
                throw new UncheckedIOException(profile.name() + " cannot listen on " + address, e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(BIND_RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the port", e);
        }
    }

    private static InetAddress loopbackV4() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireStarted() {
        if (life == null) {
            throw new IllegalStateException(profile.name() + " was not started");
        }
    }
}
