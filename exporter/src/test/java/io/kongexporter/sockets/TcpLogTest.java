package io.kongexporter.sockets;

import static io.kongexporter.sockets.KongWire.await;
import static io.kongexporter.sockets.KongWire.counter;
import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest.tcp.listen} takes what Kong's tcp-log sends: {@code sock:send(cjson.encode(message) .. "\n")} on a
 * socket it keeps alive ({@code sock:setkeepalive(keepalive)}), after {@code sock:sslhandshake(false, conf.tls_sni,
 * false)} when {@code tls} is on (kong/plugins/tcp-log/handler.lua, lines 39, 47 and 52 on Kong's master).
 */
class TcpLogTest {
    private static final String ACCEPTED = "kong_exporter_tcp_messages_total";

    private int port;

    private RunningExporter start(String... flags) throws IOException {
        port = KongWire.freePort();
        List<String> all = new ArrayList<>(List.of("--ingest.tcp.listen=127.0.0.1:" + port));
        all.addAll(List.of(flags));
        return RunningExporter.start(Map.of(), all.toArray(String[]::new));
    }

    private Socket connect() throws IOException {
        return connect("127.0.0.1");
    }

    /** A connection from {@code from} (any 127.x address is loopback on Linux): the listener shares its slots per address. */
    private Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] line(String requestId) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(KongWire.entry(requestId));
        line.write('\n');
        return line.toByteArray();
    }

    @Test
    void takes_tcp_log_lines_on_one_kept_alive_connection_even_split_across_writes() throws Exception {
        try (RunningExporter exporter = start(); Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 3; i++) {
                out.write(line(KongWire.freshId()));
                out.flush();
                Thread.sleep(50);
            }
            byte[] split = line(KongWire.freshId());
            out.write(split, 0, 1000);
            out.flush();
            Thread.sleep(100);
            out.write(split, 1000, split.length - 1000);
            out.flush();
            assertThat(await(exporter, 4, ACCEPTED, "result", "accepted")).isEqualTo(4.0);
            Scrape scrape = exporter.scrape();
            assertThat(KongWire.proxiedRequests(exporter)).isEqualTo(4.0);
            assertThat(counter(scrape, "kong_exporter_log_entries_total", "result", "accepted")).isEqualTo(4.0);
            assertThat(counter(scrape, "kong_exporter_tcp_connections_open")).isEqualTo(1.0);
            assertThat(counter(scrape, "kong_exporter_tcp_connections_total", "result", "accepted")).isEqualTo(1.0);
        }
    }

    @Test
    void counts_the_lines_socat_sends() throws Exception {
        try (RunningExporter exporter = start()) {
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            for (int i = 0; i < 5; i++) {
                lines.writeBytes(line(KongWire.freshId()));
            }
            KongWire.run(List.of("socat", "-u", "STDIN", "TCP:127.0.0.1:" + port), lines.toByteArray());
            assertThat(await(exporter, 5, ACCEPTED, "result", "accepted")).isEqualTo(5.0);
            assertThat(KongWire.proxiedRequests(exporter)).isEqualTo(5.0);
        }
    }

    @Test
    void the_same_request_id_over_tcp_and_http_counts_once() throws Exception {
        try (RunningExporter exporter = start(); Socket socket = connect()) {
            String id = KongWire.freshId();
            socket.getOutputStream().write(line(id));
            assertThat(await(exporter, 1, ACCEPTED, "result", "accepted")).isEqualTo(1.0);
            assertThat(exporter.post("/logs", KongWire.entry(id)).statusCode()).isEqualTo(200);
            Scrape scrape = exporter.scrape();
            assertThat(KongWire.proxiedRequests(exporter)).isEqualTo(1.0);
            assertThat(counter(scrape, "kong_exporter_log_entries_total", "result", "duplicate")).isEqualTo(1.0);
        }
    }

    @Test
    void a_100_mb_line_without_newline_is_counted_too_large_and_its_connection_closed_long_before_its_end() throws Exception {
        try (RunningExporter exporter = start("--ingest.tcp.max_line=64KiB")) {
            long total = 100L << 20;
            long written = 0;
            byte[] chunk = new byte[64 << 10];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try (Socket socket = connect()) {
                OutputStream out = socket.getOutputStream();
                while (written < total) {
                    out.write(chunk);
                    written += chunk.length;
                }
            } catch (IOException closedByTheExporter) {
                // expected: the exporter closed the connection
            }
            assertThat(written).as("bytes the sender got out before the exporter closed").isLessThan(total / 4);
            assertThat(await(exporter, 1, ACCEPTED, "result", "too_large")).isEqualTo(1.0);
            try (Socket next = connect()) {
                next.getOutputStream().write(line(KongWire.freshId()));
                assertThat(await(exporter, 1, ACCEPTED, "result", "accepted")).as("the listener goes on").isEqualTo(1.0);
            }
        }
    }

    @Test
    void a_whole_line_over_max_line_arriving_in_one_read_is_too_large() throws Exception {
        try (RunningExporter exporter = start("--ingest.tcp.max_line=1KiB"); Socket socket = connect()) {
            socket.getOutputStream().write(line(KongWire.freshId()));
            assertThat(await(exporter, 1, ACCEPTED, "result", "too_large")).isEqualTo(1.0);
            assertThat(socket.getInputStream().read()).as("closed by the exporter").isEqualTo(-1);
            assertThat(KongWire.proxiedRequests(exporter)).isZero();
        }
    }

    @Test
    void connections_over_max_connections_are_closed_at_once_and_counted_refused() throws Exception {
        try (RunningExporter exporter = start("--ingest.tcp.max_connections=100")) {
            List<Socket> sockets = new ArrayList<>();
            try {
                // from four addresses: one address may hold a quarter of the slots (ConnectionHogTest)
                for (int i = 0; i < 10_000; i++) {
                    sockets.add(connect("127.0.0." + (1 + i % 4)));
                }
                Scrape scrape = exporter.awaitScrape(Duration.ofSeconds(30),
                        s -> counter(s, "kong_exporter_tcp_connections_total", "result", "refused") >= 9_900);
                assertThat(counter(scrape, "kong_exporter_tcp_connections_total", "result", "refused")).isEqualTo(9_900.0);
                assertThat(counter(scrape, "kong_exporter_tcp_connections_open")).isEqualTo(100.0);
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            exporter.awaitScrape(Duration.ofSeconds(10), s -> counter(s, "kong_exporter_tcp_connections_open") == 0);
            try (Socket next = connect()) {
                next.getOutputStream().write(line(KongWire.freshId()));
                assertThat(await(exporter, 1, ACCEPTED, "result", "accepted")).as("served again once the others left").isEqualTo(1.0);
            }
        }
    }

    @Test
    void a_connection_that_sends_nothing_is_closed_after_the_idle_timeout() throws Exception {
        try (RunningExporter exporter = start("--ingest.tcp.idle_timeout=300ms"); Socket socket = connect()) {
            long started = System.nanoTime();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (IOException reset) {
                read = -1;
            }
            assertThat(read).isEqualTo(-1);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).as("closed by the exporter, not by our 10 s timeout").isLessThan(9);
            assertThat(await(exporter, 1, "kong_exporter_tcp_idle_timeouts_total")).isEqualTo(1.0);
            assertThat(counter(exporter.scrape(), "kong_exporter_tcp_connections_open")).isEqualTo(0.0);
        }
    }

    @Test
    void an_unparsable_line_and_invalid_utf8_leave_the_connection_serving() throws Exception {
        try (RunningExporter exporter = start(); Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("not json at all\n".getBytes(StandardCharsets.US_ASCII));
            byte[] broken = line(KongWire.freshId());
            int at = new String(broken, StandardCharsets.ISO_8859_1).indexOf("orders-route") + 2;
            broken[at] = (byte) 0xC3;
            broken[at + 1] = (byte) 0x28;
            out.write(broken);
            out.write(line(KongWire.freshId()));
            out.flush();
            assertThat(await(exporter, 2, ACCEPTED, "result", "accepted")).isEqualTo(2.0);
            Scrape scrape = exporter.scrape();
            assertThat(counter(scrape, ACCEPTED, "result", "unparsable")).isEqualTo(1.0);
            assertThat(counter(scrape, "kong_exporter_tcp_connections_open")).isEqualTo(1.0);
        }
    }

    @Test
    void speaks_tls_to_socat_as_tcp_log_with_tls_true_does(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=exporter",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(out).isZero();
        try (RunningExporter exporter = start("--ingest.tcp.tls.cert_file=" + cert, "--ingest.tcp.tls.key_file=" + key)) {
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            lines.writeBytes(line(KongWire.freshId()));
            lines.writeBytes(line(KongWire.freshId()));
            // tcp-log does not verify the certificate: sslhandshake(false, conf.tls_sni, false)
            KongWire.run(List.of("socat", "-u", "STDIN", "OPENSSL:127.0.0.1:" + port + ",verify=0,snihost=kong-exporter"), lines.toByteArray());
            assertThat(await(exporter, 2, ACCEPTED, "result", "accepted")).isEqualTo(2.0);
            try (Socket plain = connect()) {
                plain.getOutputStream().write(line(KongWire.freshId()));
                plain.getOutputStream().flush();
                try {
                    plain.getInputStream().read();
                } catch (IOException refused) {
                    // the handshake failed: the exporter closed the connection
                }
            }
            Thread.sleep(300);
            assertThat(counter(exporter.scrape(), ACCEPTED, "result", "accepted")).as("plain text is not taken on a TLS listener").isEqualTo(2.0);
        }
    }
}
