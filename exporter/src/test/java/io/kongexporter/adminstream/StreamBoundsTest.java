package io.kongexporter.adminstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.SseSubscriber;
import io.kongfixtures.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /stream} under hostile use (issue 10, item 5): dot segments in any spelling never reach Kong with the
 * admin token, a poller ends with its last subscriber whatever the number of distinct names asked for, and one
 * subscriber cap covers {@code /events} and {@code /stream} together.
 */
class StreamBoundsTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final FakeKongNode kong = track(new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"))
            .serve("/upstreams/orders/health", "{\"data\":[],\"next\":null}".getBytes(StandardCharsets.UTF_8)));

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void dot_segments_in_any_spelling_never_reach_kong() throws IOException {
        RunningExporter exporter = track(RunningExporter.start(Map.of(), 200, "--kong.nodes=kong=" + kong.url(), "--kong.poll_interval=1s",
                "--kong.timeout=500ms"));
        for (String path : List.of("/stream/kong/upstreams/../health", "/stream/kong/upstreams/%2e%2e/health",
                "/stream/kong/upstreams/%2E%2E/health", "/stream/kong/upstreams/./health", "/stream/kong/upstreams/.%2e/health",
                "/stream/kong/upstreams/%2e/health", "/stream/kong/upstreams/..%2fstatus/health")) {
            assertThat(statusOf(exporter.app().port(), path)).as(path).isNotEqualTo(200);
        }
        RunningExporter.sleep(300);
        assertThat(kong.requests()).as("requests Kong received").noneMatch(r -> r.contains("..") || r.toLowerCase().contains("%2e"));
    }

    @Test
    void a_poller_ends_with_its_last_subscriber_whatever_the_number_of_names() throws Exception {
        RunningExporter exporter = track(RunningExporter.start(Map.of(), 200, "--kong.nodes=kong=" + kong.url(), "--kong.poll_interval=1s",
                "--kong.timeout=500ms"));
        for (int i = 0; i < 40; i++) {
            try (SseSubscriber s = SseSubscriber.connect(exporter.url("/stream/kong/upstreams/name-" + i + "/health"))) {
                assertThat(s.status()).isEqualTo(200);
                s.next(Duration.ofMillis(300));
            }
        }
        exporter.awaitScrape(Duration.ofSeconds(5), scrape -> scrape.value("kong_exporter_sse_clients").orElse(-1.0) == 0.0);
        RunningExporter.sleep(1200);
        long before = upstreamPolls();
        RunningExporter.sleep(2500);
        assertThat(upstreamPolls() - before).as("polls of streamed upstreams after every subscriber left").isZero();
    }

    @Test
    void one_cap_covers_events_and_stream_and_both_are_counted() throws Exception {
        RunningExporter exporter = track(RunningExporter.start(Map.of(), 200, "--kong.nodes=kong=" + kong.url(), "--kong.poll_interval=1s",
                "--kong.timeout=500ms", "--live.max_clients=3"));
        assertThat(track(SseSubscriber.connect(exporter.url("/events"))).status()).isEqualTo(200);
        assertThat(track(SseSubscriber.connect(exporter.url("/stream/kong/status"))).status()).isEqualTo(200);
        assertThat(track(SseSubscriber.connect(exporter.url("/stream/kong/upstreams/orders/health"))).status()).isEqualTo(200);
        assertThat(exporter.scrape().value("kong_exporter_sse_clients")).contains(3.0);
        assertThat(track(SseSubscriber.connect(exporter.url("/stream/kong/upstreams/other/health"))).status()).isEqualTo(503);
        assertThat(track(SseSubscriber.connect(exporter.url("/events"))).status()).isEqualTo(503);
    }

    private long upstreamPolls() {
        return kong.requests().stream().filter(r -> r.contains(" /upstreams/name-")).count();
    }

    /** The status code of a GET sent byte for byte as given (no client-side normalisation of the path). */
    private static int statusOf(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        return resource;
    }
}
