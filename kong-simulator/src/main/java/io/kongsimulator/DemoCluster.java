package io.kongsimulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three simulated Kong nodes of {@code --demo}: {@code demo-kong-1} (2.8.4, DB-less, 4 workers),
 * {@code demo-kong-2} (3.9.1, Postgres, control plane, 2 workers) and {@code demo-kong-3} (3.9.1,
 * Postgres, traditional, 2 workers), polled on their Admin APIs ({@link #nodes()}, which also answer
 * {@code /certificates}). {@code demo-kong-3} crashes once per flap period, first one period after start,
 * and comes back as a restarted node after the down time. Beside them a hybrid data plane,
 * {@code demo-kong-4} (3.9.1, 2 workers), serves only its Status API ({@code status_listen}: {@code /status}
 * with its config hash and {@code /status/ready}), as data planes usually do ({@link #statusApiNode()}).
 */
public final class DemoCluster implements AutoCloseable {

    public static final Duration DEFAULT_FLAP_PERIOD = Duration.ofMinutes(2);
    public static final Duration DEFAULT_DOWN_TIME = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(DemoCluster.class);
    private static final int HTTP_THREADS = 4;

    private final List<SimulatedKongNode> nodes;
    private final SimulatedKongNode dataPlane;
    private final ExecutorService http;
    private final ScheduledExecutorService scheduler;

    private DemoCluster(List<SimulatedKongNode> nodes, SimulatedKongNode dataPlane, ExecutorService http,
                        ScheduledExecutorService scheduler) {
        this.nodes = List.copyOf(nodes);
        this.dataPlane = dataPlane;
        this.http = http;
        this.scheduler = scheduler;
    }

    /**
     * The demo with {@code demo-kong-3} down for 20 s every 2 minutes, on ports {@code firstPort} to {@code firstPort + 2};
     * the data plane's Status API on {@code firstPort + 3}.
     */
    public static DemoCluster startDefault(int firstPort) {
        return start(firstPort, DEFAULT_FLAP_PERIOD, DEFAULT_DOWN_TIME, Scenario.defaults());
    }

    public static DemoCluster start(Duration flapPeriod, Duration downTime) {
        return start(flapPeriod, downTime, Scenario.defaults());
    }

    /** Starts the three nodes of {@code scenario} on free ports; {@code downTime} must be shorter than {@code flapPeriod}. */
    public static DemoCluster start(Duration flapPeriod, Duration downTime, Scenario scenario) {
        return start(0, flapPeriod, downTime, scenario);
    }

    /**
     * Starts the three nodes of {@code scenario} on 127.0.0.1 ports {@code firstPort}, {@code firstPort + 1} and
     * {@code firstPort + 2} and the data plane's Status API on {@code firstPort + 3}, or on free ports when
     * {@code firstPort} is 0.
     */
    public static DemoCluster start(int firstPort, Duration flapPeriod, Duration downTime, Scenario scenario) {
        requireValid(flapPeriod, downTime);
        if (firstPort < 0 || firstPort > 65_532) {
            throw new IllegalArgumentException("first port must be 0 (free ports) or 1-65532, got " + firstPort);
        }
        ExecutorService http = Executors.newFixedThreadPool(HTTP_THREADS, new DaemonThreadFactory("demo-kong-http"));
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("demo-kong-flap"));
        List<SimulatedKongNode> nodes = new ArrayList<>();
        SimulatedKongNode dataPlane = new SimulatedKongNode(NodeProfile.of("demo-kong-4", "3.9.1",
                NodeProfile.Database.OFF, NodeProfile.Role.DATA_PLANE, 2), Listener.STATUS_API, scenario, http);
        try {
            for (NodeProfile profile : profiles()) {
                SimulatedKongNode node = new SimulatedKongNode(profile, scenario, http);
                nodes.add(node);
                node.start(firstPort == 0 ? 0 : firstPort + nodes.size() - 1);
            }
            dataPlane.start(firstPort == 0 ? 0 : firstPort + nodes.size());
        } catch (RuntimeException e) {
            new DemoCluster(nodes, dataPlane, http, scheduler).close();
            throw e;
        }
        DemoCluster cluster = new DemoCluster(nodes, dataPlane, http, scheduler);
        cluster.flap(nodes.get(2), flapPeriod, downTime);
        log.info("Demo mode: {} simulated Kong nodes listening: {}; {} goes down for {} every {}; data plane {} (Status API only) at {}",
                nodes.size(), describe(nodes), nodes.get(2).name(), human(downTime), human(flapPeriod),
                dataPlane.name(), dataPlane.baseUrl());
        return cluster;
    }

    /** The three nodes polled on their Admin APIs. */
    public List<DemoNode> nodes() {
        return nodes.stream().map(node -> new DemoNode(node.name(), node.baseUrl())).toList();
    }

    /** {@code demo-kong-4}, a hybrid data plane, and the base URL of its Status API ({@code status_listen}). */
    public DemoNode statusApiNode() {
        return new DemoNode(dataPlane.name(), dataPlane.baseUrl());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        nodes.forEach(SimulatedKongNode::close);
        dataPlane.close();
        http.shutdownNow();
    }

    private static List<NodeProfile> profiles() {
        return List.of(
                NodeProfile.of("demo-kong-1", "2.8.4", NodeProfile.Database.OFF, NodeProfile.Role.TRADITIONAL, 4),
                NodeProfile.of("demo-kong-2", "3.9.1", NodeProfile.Database.POSTGRES,
                        NodeProfile.Role.CONTROL_PLANE, 2),
                NodeProfile.of("demo-kong-3", "3.9.1", NodeProfile.Database.POSTGRES,
                        NodeProfile.Role.TRADITIONAL, 2));
    }

    private void flap(SimulatedKongNode node, Duration period, Duration downTime) {
        scheduler.scheduleAtFixedRate(() -> {
            try {
                if (node.isUp()) {
                    node.goDown();
                    log.info("Demo mode: {} went down (connections refused for {})", node.name(), human(downTime));
                }
                scheduler.schedule(() -> comeBack(node), downTime.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                log.warn("Demo mode: could not take {} down", node.name(), e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void comeBack(SimulatedKongNode node) {
        try {
            node.comeBack();
            log.info("Demo mode: {} came back as a restarted node at {} (node_id {})",
                    node.name(), node.baseUrl(), node.nodeId());
        } catch (RuntimeException e) {
            log.warn("Demo mode: {} could not come back; retrying at its next flap", node.name(), e);
        }
    }

    private static void requireValid(Duration flapPeriod, Duration downTime) {
        if (flapPeriod == null || downTime == null || flapPeriod.toMillis() <= 0 || downTime.toMillis() <= 0) {
            throw new IllegalArgumentException("flap period and down time must be positive, got "
                    + flapPeriod + " and " + downTime);
        }
        if (downTime.compareTo(flapPeriod) >= 0) {
            throw new IllegalArgumentException("down time " + downTime + " must be shorter than flap period "
                    + flapPeriod);
        }
    }

    private static String describe(List<SimulatedKongNode> nodes) {
        return nodes.stream()
                .map(node -> String.format("%s (Kong %s, database=%s, role=%s) at %s", node.name(),
                        node.profile().version(), node.profile().database().confValue(),
                        node.profile().role().confValue(), node.baseUrl()))
                .collect(Collectors.joining(", "));
    }

    private static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
