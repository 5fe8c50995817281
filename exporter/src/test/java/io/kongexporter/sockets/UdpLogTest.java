package io.kongexporter.sockets;

import static io.kongexporter.sockets.KongWire.await;
import static io.kongexporter.sockets.KongWire.counter;
import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ingest.udp.listen} takes what Kong's udp-log sends: one datagram per entry,
 * {@code sock:send(str)} where {@code str = cjson.encode(kong.log.serialize())}, no newline
 * (kong/plugins/udp-log/handler.lua, lines 27 and 56 on Kong's master).
 */
class UdpLogTest {
    private static final String MESSAGES = "kong_exporter_udp_messages_total";

    private int port;

    private RunningExporter start(String... flags) throws IOException {
        port = KongWire.freePort();
        String[] all = Arrays.copyOf(flags, flags.length + 1);
        all[flags.length] = "--ingest.udp.listen=127.0.0.1:" + port;
        return RunningExporter.start(Map.of(), all);
    }

    private void send(byte[] datagram) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
        }
    }

    /** An entry padded with a custom field ({@code custom_fields_by_lua}) to exactly {@code size} bytes. */
    static byte[] entryOfSize(int size) {
        String entry = new String(KongWire.entry(KongWire.freshId()), StandardCharsets.UTF_8);
        String head = "{\"pad\":\"";
        String tail = "\"," + entry.substring(1);
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void counts_one_entry_per_datagram_socat_sends() throws Exception {
        try (RunningExporter exporter = start()) {
            for (int i = 0; i < 3; i++) {
                KongWire.run(List.of("socat", "-u", "-b", "65507", "STDIN", "UDP-SENDTO:127.0.0.1:" + port), KongWire.entry(KongWire.freshId()));
            }
            assertThat(await(exporter, 3, MESSAGES, "result", "accepted")).isEqualTo(3.0);
            assertThat(KongWire.proxiedRequests(exporter)).isEqualTo(3.0);
            assertThat(counter(exporter.scrape(), "kong_exporter_log_entries_total", "result", "accepted")).isEqualTo(3.0);
        }
    }

    @Test
    void a_datagram_of_65507_bytes_the_largest_over_ipv4_is_taken_whole() throws Exception {
        try (RunningExporter exporter = start()) {
            byte[] largest = entryOfSize(65_507);
            assertThat(largest).hasSize(65_507);
            send(largest);
            assertThat(await(exporter, 1, MESSAGES, "result", "accepted")).isEqualTo(1.0);
            assertThat(KongWire.proxiedRequests(exporter)).isEqualTo(1.0);
        }
    }

    @Test
    void a_datagram_over_max_message_is_counted_cut_and_nothing_of_it_recorded() throws Exception {
        try (RunningExporter exporter = start("--ingest.udp.max_message=32KiB")) {
            send(entryOfSize(65_507));
            send(entryOfSize(32 << 10));
            assertThat(await(exporter, 1, MESSAGES, "result", "cut")).isEqualTo(1.0);
            assertThat(await(exporter, 1, MESSAGES, "result", "accepted")).as("exactly the limit is taken").isEqualTo(1.0);
            assertThat(KongWire.proxiedRequests(exporter)).isEqualTo(1.0);
        }
    }

    @Test
    void truncated_json_is_counted_unparsable_and_invalid_utf8_is_taken() throws Exception {
        try (RunningExporter exporter = start()) {
            byte[] entry = KongWire.entry(KongWire.freshId());
            send(Arrays.copyOf(entry, entry.length / 2));
            byte[] broken = KongWire.entry(KongWire.freshId());
            int at = new String(broken, StandardCharsets.ISO_8859_1).indexOf("orders-route") + 2;
            broken[at] = (byte) 0xFF;
            send(broken);
            send(new byte[0]);
            Scrape scrape = exporter.awaitScrape(java.time.Duration.ofSeconds(10),
                    s -> counter(s, MESSAGES, "result", "unparsable") >= 2 && counter(s, MESSAGES, "result", "accepted") >= 1);
            assertThat(counter(scrape, MESSAGES, "result", "unparsable")).isEqualTo(2.0);
            assertThat(counter(scrape, MESSAGES, "result", "accepted")).isEqualTo(1.0);
            send(KongWire.entry(KongWire.freshId()));
            assertThat(await(exporter, 2, MESSAGES, "result", "accepted")).as("the listener goes on").isEqualTo(2.0);
        }
    }
}
