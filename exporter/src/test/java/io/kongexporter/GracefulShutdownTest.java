package io.kongexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** SIGTERM: the exporter stops accepting logs (503), finishes what is in flight, and every 200 it answered was counted. */
class GracefulShutdownTest {

    @Test
    void sigterm_drains_the_log_receiver_and_every_accepted_entry_is_counted() throws Exception {
        int port = ManagedProcess.freePort();
        Path log = Files.createTempFile("kong-exporter-shutdown", ".log");
        Process exporter = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KongExporter.class.getName(), "--listen=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI logs = URI.create("http://127.0.0.1:" + port + "/logs");
            awaitUp(client, URI.create("http://127.0.0.1:" + port + "/-/healthy"));

            AtomicLong acceptedByClients = new AtomicLong();
            AtomicInteger unavailable = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sequence = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread sender = new Thread(() -> {
                    while (!stop.get()) {
                        int batch = sequence.incrementAndGet();
                        StringBuilder body = new StringBuilder("[");
                        for (int i = 0; i < 50; i++) {
                            body.append(i == 0 ? "" : ",").append("{\"request\":{\"id\":\"")
                                    .append(String.format("%016x%016x", batch, i)).append("\"},\"response\":{\"status\":200}}");
                        }
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(logs).timeout(Duration.ofSeconds(5))
                                    .POST(HttpRequest.BodyPublishers.ofString(body.append("]").toString())).build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200) {
                                acceptedByClients.addAndGet(50);
                            } else if (r.statusCode() == 503) {
                                unavailable.incrementAndGet();
                            }
                        } catch (IOException gone) {
                            return;
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sender.start();
                senders.add(sender);
            }
            Thread.sleep(1500);
            exporter.destroy();
            assertThat(exporter.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).as("exits after draining").isTrue();
            stop.set(true);
            for (Thread sender : senders) {
                sender.join(10_000);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher total = Pattern.compile("(\\d+) entries accepted in total").matcher(output);
            assertThat(total.find()).as("shutdown log line in:%n%s", output).isTrue();
            assertThat(acceptedByClients.get()).isGreaterThan(0);
            assertThat(Long.parseLong(total.group(1))).as("entries the exporter counted = entries it answered 200 for")
                    .isEqualTo(acceptedByClients.get());
        } finally {
            exporter.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static void awaitUp(HttpClient client, URI healthy) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try {
                if (client.send(HttpRequest.newBuilder(healthy).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
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
