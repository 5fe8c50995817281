package io.kongexporter.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What the socket tests send and read: Kong's serialized entry exactly as {@code cjson.encode(kong.log.serialize())}
 * writes it (the {@code .wire.json} fixture: compact, {@code \/} escaped) with a fresh {@code request.id}, free
 * loopback ports, real sender processes ({@code socat}, {@code logger}) and the counters the tests read.
 */
final class KongWire {
    private static final String FIXTURE_ID = "7d2a1c9f4b6e8a3d5c0f1e2b4a6c8d0e";

    private KongWire() {}

    static String freshId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** One entry as Kong's plugins encode it, with the given {@code request.id}; no trailing newline. */
    static byte[] entry(String requestId) {
        String wire = new String(Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json"), StandardCharsets.UTF_8).strip();
        assertThat(wire).contains("\"id\":\"" + FIXTURE_ID + "\"");
        return wire.replace("\"id\":\"" + FIXTURE_ID + "\"", "\"id\":\"" + requestId + "\"").getBytes(StandardCharsets.UTF_8);
    }

    /** A loopback port free for TCP and UDP both (the syslog listener binds both). */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = tcp.getLocalPort();
            }
            try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port for TCP and UDP");
    }

    /** Runs a sender (socat, logger) with the given standard input; it must exit 0 within 30 s. */
    static void run(List<String> command, byte[] stdin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        assertThat(process.exitValue()).as(command + ": " + output).isZero();
    }

    static double counter(Scrape scrape, String name, String... labels) {
        return scrape.value(name, labels).orElse(0.0);
    }

    /** Waits until the counter reaches {@code expected} (or 10 s pass) and returns its value then. */
    static double await(RunningExporter exporter, double expected, String name, String... labels) {
        Scrape scrape = exporter.awaitScrape(Duration.ofSeconds(10), s -> counter(s, name, labels) >= expected);
        return counter(scrape, name, labels);
    }

    /** Requests counted by the traffic metrics for the fixture's route: what an entry that got through adds to. */
    static double proxiedRequests(RunningExporter exporter) {
        return exporter.scrape().find("kong_http_requests_total", "route", "orders-route").stream().mapToDouble(Scrape.Sample::value).sum();
    }
}
