package io.kongsimulator;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The simulator as a program: {@code java -jar kong-simulator.jar [flags]} (see {@link SimulatorOptions#USAGE}).
 * It starts the three simulated Kong nodes ({@link DemoCluster}) on well-known loopback ports, posts their
 * http-log traffic ({@link TrafficGenerator}) to the exporter, and with {@code --run-exporter JAR} also runs the
 * exporter with {@code --demo} (which polls those ports) as a child process: the whole demo in one command.
 * Stopping the simulator (Ctrl-C, SIGTERM) stops the exporter, the traffic and the nodes.
 */
public final class KongSimulator implements AutoCloseable {
    private final DemoCluster cluster;
    private final TrafficGenerator traffic;
    private final Optional<ExporterChild> exporter;

    private KongSimulator(DemoCluster cluster, TrafficGenerator traffic, Optional<ExporterChild> exporter) {
        this.cluster = cluster;
        this.traffic = traffic;
        this.exporter = exporter;
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("kong-simulator: " + e.getMessage());
            System.err.print(SimulatorOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(SimulatorOptions.USAGE);
            return;
        }
        KongSimulator simulator;
        try {
            simulator = start(options);
        } catch (RuntimeException e) {
            System.err.println("kong-simulator: " + e.getMessage());
            System.exit(e instanceof IllegalArgumentException ? 2 : 1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "kong-simulator-shutdown"));
        if (simulator.exporter.isPresent()) {
            System.exit(simulator.exporter.get().waitFor());
        }
        new CountDownLatch(1).await();
    }

    /** Starts the nodes, the exporter child if {@code options} name one, then the traffic. */
    public static KongSimulator start(SimulatorOptions options) {
        DemoCluster cluster = DemoCluster.startDefault(options.firstPort());
        Optional<ExporterChild> exporter = Optional.empty();
        try {
            exporter = options.exporterJar().map(jar -> ExporterChild.start(jar, options.exporterFlags()));
            TrafficGenerator traffic = TrafficGenerator.start(options.logsUrl(), options.token(),
                    cluster.nodes().stream().map(DemoNode::name).toList(), options.entriesPerSecond(), options.batchSize());
            return new KongSimulator(cluster, traffic, exporter);
        } catch (RuntimeException e) {
            exporter.ifPresent(ExporterChild::close);
            cluster.close();
            throw e;
        }
    }

    /** The simulated nodes: their names and Admin API URLs. */
    public List<DemoNode> nodes() {
        return cluster.nodes();
    }

    /** The http-log traffic being posted. */
    public TrafficGenerator traffic() {
        return traffic;
    }

    @Override
    public void close() {
        exporter.ifPresent(ExporterChild::close);
        traffic.close();
        cluster.close();
    }
}
