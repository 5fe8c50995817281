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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ingest.syslog.listen} takes Kong's syslog plugin output as a syslog daemon forwards it. The plugin logs the
 * serialized entry as the message ({@code lsyslog.log(LOG_LEVELS[severity], cjson.encode(message))},
 * kong/plugins/syslog/handler.lua, line 62 on Kong's master) under the tag {@code kong}; util-linux {@code logger}
 * plays the forwarding daemon, over UDP and TCP, RFC 5424 and 3164, newline framing and octet counting.
 */
class SyslogTest {
    private static final String MESSAGES = "kong_exporter_syslog_messages_total";

    private int port;

    private RunningExporter start(String... flags) throws IOException {
        port = KongWire.freePort();
        String[] all = Arrays.copyOf(flags, flags.length + 1);
        all[flags.length] = "--ingest.syslog.listen=127.0.0.1:" + port;
        return RunningExporter.start(Map.of(), all);
    }

    private void logger(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("logger", "--server", "127.0.0.1", "--port", Integer.toString(port), "--tag", "kong",
                "--size", "65536"));
        command.addAll(List.of(options));
        command.add(new String(KongWire.entry(KongWire.freshId()), StandardCharsets.UTF_8));
        KongWire.run(command, new byte[0]);
    }

    @Test
    void takes_rfc5424_and_rfc3164_messages_from_logger_over_udp_and_tcp_in_both_framings() throws Exception {
        try (RunningExporter exporter = start()) {
            logger("--udp", "--rfc5424");
            logger("--udp", "--rfc3164");
            logger("--tcp", "--rfc5424");
            logger("--tcp", "--rfc3164");
            logger("--tcp", "--rfc5424", "--octet-count");
            logger("--tcp", "--rfc5424", "--octet-count", "--sd-id", "kong@32473", "--sd-param", "node=\"dp-1\\][x\"");
            assertThat(await(exporter, 6, MESSAGES, "result", "accepted")).isEqualTo(6.0);
            Scrape scrape = exporter.scrape();
            assertThat(counter(scrape, MESSAGES, "result", "unparsable")).isZero();
            assertThat(KongWire.proxiedRequests(exporter)).isEqualTo(6.0);
            assertThat(counter(scrape, "kong_exporter_log_entries_total", "result", "accepted")).isEqualTo(6.0);
        }
    }

    @Test
    void the_same_request_id_over_syslog_and_http_counts_once() throws Exception {
        try (RunningExporter exporter = start()) {
            String id = KongWire.freshId();
            byte[] entry = KongWire.entry(id);
            KongWire.run(List.of("logger", "--server", "127.0.0.1", "--port", Integer.toString(port), "--udp", "--rfc3164", "--tag", "kong",
                    "--size", "65536", new String(entry, StandardCharsets.UTF_8)), new byte[0]);
            assertThat(await(exporter, 1, MESSAGES, "result", "accepted")).isEqualTo(1.0);
            assertThat(exporter.post("/logs", entry).statusCode()).isEqualTo(200);
            assertThat(KongWire.proxiedRequests(exporter)).isEqualTo(1.0);
            assertThat(counter(exporter.scrape(), "kong_exporter_log_entries_total", "result", "duplicate")).isEqualTo(1.0);
        }
    }

    private static byte[] octetCounted(String header, byte[] entry, int lie) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        message.writeBytes(entry);
        byte[] msg = message.toByteArray();
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(((msg.length + lie) + " ").getBytes(StandardCharsets.US_ASCII));
        frame.writeBytes(msg);
        return frame.toByteArray();
    }

    private static final String HEADER = "<14>1 2026-11-29T23:00:00.000Z dp-1 kong 1234 - - ";

    @Test
    void a_lying_octet_count_is_counted_and_the_listener_goes_on() throws Exception {
        try (RunningExporter exporter = start("--ingest.syslog.idle_timeout=500ms")) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                OutputStream out = socket.getOutputStream();
                out.write(octetCounted(HEADER, KongWire.entry(KongWire.freshId()), -20));
                out.write('\n');
                out.write(octetCounted(HEADER, KongWire.entry(KongWire.freshId()), 0));
                out.flush();
                assertThat(await(exporter, 1, MESSAGES, "result", "accepted")).as("the frame after the short count's remainder").isEqualTo(1.0);
                assertThat(counter(exporter.scrape(), MESSAGES, "result", "unparsable")).as("the cut message and its remainder").isEqualTo(2.0);
                out.write(octetCounted(HEADER, KongWire.entry(KongWire.freshId()), 500));
                out.flush();
                assertThat(await(exporter, 1, "kong_exporter_syslog_idle_timeouts_total")).as("waiting for bytes that never come").isEqualTo(1.0);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(5000);
                socket.getOutputStream().write("99999999 <14>1 ".getBytes(StandardCharsets.US_ASCII));
                assertThat(await(exporter, 1, MESSAGES, "result", "too_large")).isEqualTo(1.0);
                assertThat(socket.getInputStream().read()).as("closed by the exporter").isEqualTo(-1);
            }
            logger("--tcp", "--rfc5424", "--octet-count");
            assertThat(await(exporter, 2, MESSAGES, "result", "accepted")).isEqualTo(2.0);
            assertThat(KongWire.proxiedRequests(exporter)).isEqualTo(2.0);
        }
    }

    @Test
    void a_newline_framed_message_over_max_message_is_counted_too_large_and_a_datagram_over_it_cut() throws Exception {
        try (RunningExporter exporter = start("--ingest.syslog.max_message=1KiB")) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(5000);
                socket.getOutputStream().write((HEADER + "x".repeat(4096) + "\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(socket.getInputStream().read()).as("closed by the exporter").isEqualTo(-1);
            }
            logger("--udp", "--rfc5424");
            Scrape scrape = exporter.awaitScrape(Duration.ofSeconds(10), s -> counter(s, MESSAGES, "result", "cut") >= 1);
            assertThat(counter(scrape, MESSAGES, "result", "too_large")).isEqualTo(1.0);
            assertThat(counter(scrape, MESSAGES, "result", "cut")).isEqualTo(1.0);
            assertThat(KongWire.proxiedRequests(exporter)).isZero();
        }
    }

    @Test
    void a_message_that_is_not_syslog_is_counted_unparsable() throws Exception {
        try (RunningExporter exporter = start()) {
            KongWire.run(List.of("socat", "-u", "STDIN", "UDP-SENDTO:127.0.0.1:" + port), KongWire.entry(KongWire.freshId()));
            KongWire.run(List.of("socat", "-u", "STDIN", "UDP-SENDTO:127.0.0.1:" + port), "<14>1 2026-11-29T23:00:00Z host".getBytes(StandardCharsets.US_ASCII));
            assertThat(await(exporter, 2, MESSAGES, "result", "unparsable")).isEqualTo(2.0);
            assertThat(KongWire.proxiedRequests(exporter)).as("an entry without a syslog header is not taken").isZero();
        }
    }
}
