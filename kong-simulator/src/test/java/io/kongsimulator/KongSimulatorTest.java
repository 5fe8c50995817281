package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kongsimulator.support.AdminClient;
import io.kongsimulator.support.RecordingExporter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar kong-simulator.jar}, started in-process with the same flags. */
class KongSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void serves_the_three_nodes_on_consecutive_ports_from_the_first_port_and_posts_their_traffic_with_the_token() throws Exception {
        ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> batchSizes = new ConcurrentLinkedQueue<>();
        HttpServer exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        exporter.createContext("/kong-logs", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                batchSizes.add(JSON.readTree(in.readAllBytes()).size());
            }
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        exporter.start();
        int firstPort = threeFreePorts();
        try (KongSimulator simulator = KongSimulator.start(SimulatorOptions.parse("--first-port=" + firstPort,
                "--logs-url=http://127.0.0.1:" + exporter.getAddress().getPort() + "/kong-logs", "--token=s3cret",
                "--entries-per-second=400", "--batch-size=7"))) {
            assertThat(simulator.nodes()).extracting(DemoNode::name).containsExactly("demo-kong-1", "demo-kong-2", "demo-kong-3");
            for (int i = 0; i < 3; i++) {
                URI url = URI.create("http://127.0.0.1:" + (firstPort + i));
                assertThat(simulator.nodes().get(i).url()).isEqualTo(url);
                assertThat(new AdminClient(url).getJson("/").path("hostname").asText()).isNotEmpty();
            }
            await(() -> simulator.traffic().sentEntries() >= 50);
        } finally {
            exporter.stop(0);
        }
        assertThat(authorizations).isNotEmpty().containsOnly("Bearer s3cret");
        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 7));
    }

    @Test
    void runs_the_exporter_jar_with_demo_and_the_flags_after_it_and_stops_it_on_close(@TempDir Path dir) throws Exception {
        Path record = dir.resolve("args.txt");
        Path jar = RecordingExporter.jar(dir);
        String pid;
        try (KongSimulator simulator = KongSimulator.start(SimulatorOptions.parse("--first-port=0",
                "--logs-url=http://127.0.0.1:" + freePort() + "/logs", "--run-exporter", jar.toString(),
                "--record=" + record, "--listen=127.0.0.1:9600"))) {
            await(() -> Files.exists(record) && !read(record).isEmpty());
            String[] recorded = read(record).split(" ", 2);
            pid = recorded[0];
            assertThat(recorded[1]).isEqualTo("--demo --record=" + record + " --listen=127.0.0.1:9600");
            assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)).contains(true);
        }
        Optional<ProcessHandle> child = ProcessHandle.of(Long.parseLong(pid));
        assertThat(child.map(ProcessHandle::isAlive).orElse(false)).as("the exporter child ended with the simulator").isFalse();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** A port p with p, p + 1 and p + 2 free on loopback right now. */
    private static int threeFreePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = freePort();
            if (first + 2 > 65_535) {
                continue;
            }
            try (ServerSocket a = bind(first); ServerSocket b = bind(first + 1); ServerSocket c = bind(first + 2)) {
                return first;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no three consecutive free ports found");
    }

    private static ServerSocket bind(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = bind(0)) {
            return socket.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(20);
        }
    }
}
