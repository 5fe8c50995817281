package io.kongexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.KongExporter;
import io.kongexporter.support.ManagedProcess;
import io.kongexporter.support.Scrape;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that disconnect mid-body, and rejected requests, are counted and summarised in the log at most once per
 * interval, one line each, without stack traces; what is still untold is logged at shutdown. The exporter runs as a
 * child process so its real log is read.
 */
class AbortedUploadsLogTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void two_hundred_aborted_uploads_and_fifty_rejected_requests_log_a_handful_of_lines_without_stack_traces() throws Exception {
        int port = ManagedProcess.freePort();
        Path log = Files.createTempFile("kong-exporter-aborts", ".log");
        try (ManagedProcess exporter = ManagedProcess.start(log, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KongExporter.class.getName(), "--listen=127.0.0.1:" + port,
                "--ingest.token=s3cret"))) {
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitUp(base.resolve("/-/healthy"));
            int linesAtStart = exporter.log().split("\n").length;

            for (int i = 0; i < 50; i++) {
                HTTP.send(HttpRequest.newBuilder(base.resolve("/logs")).POST(HttpRequest.BodyPublishers.ofString("[]")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            for (int i = 0; i < 200; i++) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.getOutputStream().write(("POST /logs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n[{\"response\":").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.setSoLinger(true, 0);
                }
            }
            Scrape s = awaitAborted(base.resolve("/metrics"), 200);
            assertThat(s.value("kong_exporter_log_requests_total", "code", "aborted")).contains(200.0);
            assertThat(s.value("kong_exporter_log_requests_total", "code", "401")).contains(50.0);

            exporter.stop();
            String[] lines = exporter.log().split("\n");
            List<String> after = List.of(lines).subList(linesAtStart, lines.length);
            assertThat(after).filteredOn(l -> l.contains("[WARN]") || l.contains("[ERROR]")).as("warnings after start").hasSizeLessThanOrEqualTo(3);
            assertThat(after).as("log lines after start").hasSizeLessThanOrEqualTo(6);
            assertThat(after).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
            assertThat(String.join("\n", after)).contains("aborted").contains("401");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Scrape awaitAborted(URI metrics, int expected) throws Exception {
        Scrape s = null;
        for (int i = 0; i < 100; i++) {
            s = new Scrape(HTTP.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (s.value("kong_exporter_log_requests_total", "code", "aborted").orElse(0.0) >= expected) {
                return s;
            }
            Thread.sleep(100);
        }
        return s;
    }

    private static void awaitUp(URI healthy) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(healthy).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("exporter did not start");
    }
}
