package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NODES = List.of("demo-kong-1", "demo-kong-2");

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private HttpServer server;
    private URI logsUrl;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/logs", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                received.add(new Received(exchange.getRequestMethod(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("User-Agent"),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Length"), body));
            }
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        server.start();
        logsUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/logs");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void posts_json_arrays_of_up_to_the_batch_size_with_kongs_headers() throws Exception {
        try (TrafficGenerator generator = TrafficGenerator.start(logsUrl, Optional.of("s3cret"), NODES, 400, 20)) {
            await(() -> generator.sentEntries() >= 200);
        }

        int entries = 0;
        for (Received r : received) {
            JsonNode batch = JSON.readTree(r.body());
            assertThat(batch.isArray()).isTrue();
            assertThat(batch).hasSizeBetween(1, 20);
            assertThat(r.body()[0]).isEqualTo((byte) '[');
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.userAgent()).isEqualTo("lua-resty-http/0.17.1 (Lua) ngx_lua/10026");
            assertThat(r.authorization()).isEqualTo("Bearer s3cret");
            assertThat(r.contentLength()).isEqualTo(Integer.toString(r.body().length));
            entries += batch.size();
        }
        assertThat(entries).isGreaterThanOrEqualTo(200);
        assertThat(received.stream().filter(r -> r.body().length > 20 * 1_000)).isNotEmpty();
    }

    @Test
    void counts_what_the_endpoint_accepted_and_sends_no_authorization_without_a_token() throws Exception {
        TrafficGenerator generator = TrafficGenerator.start(logsUrl, Optional.empty(), NODES, 200, 50);
        await(() -> received.size() >= 3);
        generator.close();

        long parsed = 0;
        for (Received r : received) {
            parsed += JSON.readTree(r.body()).size();
            assertThat(r.authorization()).isNull();
        }
        // close() may interrupt one POST the server already received: that batch is neither sent nor failed.
        assertThat(parsed - generator.sentEntries()).isBetween(0L, 50L);
        assertThat(generator.sentEntries()).isPositive();
        assertThat(generator.failedEntries()).isZero();
    }

    @Test
    void survives_the_endpoint_answering_500_and_404_and_counts_those_entries_as_failed() throws Exception {
        try (TrafficGenerator generator = TrafficGenerator.start(logsUrl, Optional.empty(), NODES, 400, 20)) {
            answer.set(500);
            await(() -> generator.failedEntries() >= 40);
            answer.set(404);
            long failedBefore404 = generator.failedEntries();
            await(() -> generator.failedEntries() >= failedBefore404 + 40);
            answer.set(200);
            long sentBefore = generator.sentEntries();
            await(() -> generator.sentEntries() >= sentBefore + 40);
        }
    }

    @Test
    void survives_an_endpoint_that_does_not_exist_yet() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + freePort() + "/logs");
        try (TrafficGenerator generator = TrafficGenerator.start(nowhere, Optional.empty(), NODES, 400, 20)) {
            await(() -> generator.failedEntries() >= 40);
            assertThat(generator.sentEntries()).isZero();
        }
    }

    @Test
    void stops_posting_and_ends_its_thread_on_close() throws Exception {
        TrafficGenerator generator = TrafficGenerator.start(logsUrl, Optional.empty(), NODES, 400, 20);
        await(() -> received.size() >= 2);

        generator.close();
        int afterClose = received.size();
        long sent = generator.sentEntries();
        Thread.sleep(1_200);

        assertThat(received).hasSize(afterClose);
        assertThat(generator.sentEntries()).isEqualTo(sent);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("demo-traffic"));
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Received(String method, String contentType, String userAgent, String authorization,
                            String contentLength, byte[] body) {
    }
}
