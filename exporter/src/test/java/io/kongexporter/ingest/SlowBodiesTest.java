package io.kongexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bodies that trickle in over real sockets: they may not hold the body budget by what they declare, may not take
 * longer than {@code ingest.read_timeout}, and may never stop the health endpoints, the scrape or an honest batch.
 */
class SlowBodiesTest {
    private static final byte[] BATCH = "[{\"response\":{\"status\":200},\"route\":{\"name\":\"honest\"}}]".getBytes(StandardCharsets.UTF_8);
    /** Generous: the point is answering at all, not speed. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);

    @Test
    void three_hundred_trickling_bodies_leave_health_ready_metrics_and_an_honest_batch_answered() throws Exception {
        try (RunningExporter exporter = RunningExporter.start(Map.of());
             Tricklers slow = Tricklers.open(exporter, 300, 1000, Duration.ofSeconds(3))) {
            Thread.sleep(1500);
            HttpClient client = HttpClient.newBuilder().connectTimeout(ANSWER_BOUND).build();
            for (String path : List.of("/-/healthy", "/-/ready", "/metrics")) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(exporter.url(path)).timeout(ANSWER_BOUND).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(path).isIn(200, 503);
                if (!path.equals("/-/ready")) {
                    assertThat(answer.statusCode()).as(path).isEqualTo(200);
                }
            }
            assertThat(postFrom("127.0.0.2", exporter.url("/logs"), BATCH)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void a_body_that_trickles_is_cut_off_after_about_a_second_not_after_the_read_timeout() throws Exception {
        try (RunningExporter exporter = RunningExporter.start(Map.of());
             Tricklers slow = Tricklers.open(exporter, 1, 1000, Duration.ofMillis(300))) {
            long start = System.nanoTime();
            String status = slow.statusLine(0, Duration.ofSeconds(5));
            assertThat(status).startsWith("HTTP/1.1 408");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            assertThat(exporter.scrape().value("kong_exporter_log_requests_total", "code", "408")).contains(1.0);
        }
    }

    @Test
    void one_address_holding_more_slow_bodies_than_there_are_read_slots_leaves_slots_for_kong_at_another_address() throws Exception {
        int moreThanTheSlots = LogIngestEndpoint.MAX_BODIES_READ_AT_ONCE + 66;
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--ingest.read_timeout=30s");
             // 1 KiB every 100 ms: above the receiver's minimum rate, so these hold their slots for the whole test
             Tricklers slow = Tricklers.open(exporter, moreThanTheSlots, 1 << 20, Duration.ofMillis(100), 1024)) {
            Thread.sleep(300);
            // the trickling address holds its share and is refused beyond it; Kong at another address is served
            assertThat(postFrom("127.0.0.1", exporter.url("/logs"), BATCH)).startsWith("HTTP/1.1 503");
            for (int i = 0; i < 5; i++) {
                assertThat(postFrom("127.0.0.2", exporter.url("/logs"), BATCH)).startsWith("HTTP/1.1 200");
            }
        }
    }

    /** Posts {@code body} over a socket bound to {@code localAddress} (any 127.x address is loopback on Linux); the status line. */
    private static String postFrom(String localAddress, URI url, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 2000);
            socket.setSoTimeout((int) ANSWER_BOUND.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    @Test
    void four_bodies_declaring_16_MiB_and_trickling_do_not_take_the_body_budget_from_honest_batches() throws Exception {
        try (RunningExporter exporter = RunningExporter.start(Map.of());
             Tricklers slow = Tricklers.open(exporter, 4, 16L << 20, Duration.ofSeconds(3))) {
            Thread.sleep(1000);
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> batch = exporter.post("/logs", BATCH);
                assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
            }
        }
    }

    @Test
    void a_body_not_arrived_within_the_read_timeout_is_answered_408_and_dropped() throws Exception {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--ingest.read_timeout=1s");
             Tricklers slow = Tricklers.open(exporter, 1, 1000, Duration.ofMillis(200))) {
            String status = slow.statusLine(0, Duration.ofSeconds(5));
            assertThat(status).startsWith("HTTP/1.1 408");
            assertThat(exporter.scrape().value("kong_exporter_log_requests_total", "code", "408")).contains(1.0);
            assertThat(exporter.post("/logs", BATCH).statusCode()).isEqualTo(200);
        }
    }

    /** Connections that post to /logs, declare a length, and send one byte of the body every {@code every}. */
    static final class Tricklers implements AutoCloseable {
        private final List<Socket> sockets = new ArrayList<>();
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        private final byte[] tick;

        private Tricklers(int bytesPerTick) {
            tick = new byte[bytesPerTick];
            java.util.Arrays.fill(tick, (byte) ' ');
        }

        static Tricklers open(RunningExporter exporter, int count, long declaredLength, Duration every) throws IOException {
            return open(exporter, count, declaredLength, every, 1);
        }

        static Tricklers open(RunningExporter exporter, int count, long declaredLength, Duration every, int bytesPerTick) throws IOException {
            Tricklers t = new Tricklers(bytesPerTick);
            URI url = exporter.url("/logs");
            t.ticker.scheduleAtFixedRate(t::trickle, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket(url.getHost(), url.getPort());
                socket.getOutputStream().write(("POST /logs HTTP/1.1\r\nHost: " + url.getHost() + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + declaredLength + "\r\n\r\n[").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                t.sockets.add(socket);
            }
            return t;
        }

        private void trickle() {
            for (Socket socket : sockets) {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(tick);
                    out.flush();
                } catch (IOException closed) {
                    // the exporter gave up on it
                }
            }
        }

        /** The first line the exporter answered on connection {@code i}. */
        String statusLine(int i, Duration within) throws IOException {
            Socket socket = sockets.get(i);
            socket.setSoTimeout((int) within.toMillis());
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        }

        @Override
        public void close() {
            ticker.shutdownNow();
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
