package io.kongexporter.sockets;

import static io.kongexporter.sockets.KongWire.await;
import static io.kongexporter.sockets.KongWire.counter;
import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One remote address may not take every connection slot of a stream listener: a sender that opens
 * {@code max_connections} connections and keeps them alive (a blank line now and then, well inside the idle timeout,
 * costs it nothing) would otherwise shut every Kong node out for as long as it likes, and tcp-log drops what it cannot
 * send (kong/plugins/tcp-log/handler.lua logs the connect error and the entry is gone). The HTTP receiver already
 * keeps a share per client ({@code ingest.ClientShares}); the stream listeners must too. 127.0.0.2 is another
 * loopback address on Linux, standing for a Kong node beside the hog on 127.0.0.1.
 */
class ConnectionHogTest {
    private static final int MAX = 8;

    @Test
    void one_address_holding_every_tcp_log_connection_leaves_room_for_kong_on_another_address() throws Exception {
        int port = KongWire.freePort();
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--ingest.tcp.listen=127.0.0.1:" + port,
                "--ingest.tcp.max_connections=" + MAX)) {
            List<Socket> hog = new ArrayList<>();
            try {
                for (int i = 0; i < MAX; i++) {
                    Socket socket = connect(port, "127.0.0.1");
                    socket.getOutputStream().write('\n');
                    hog.add(socket);
                }
                exporter.awaitScrape(java.time.Duration.ofSeconds(10),
                        s -> counter(s, "kong_exporter_tcp_connections_total", "result", "accepted")
                                + counter(s, "kong_exporter_tcp_connections_total", "result", "refused") >= MAX);
                try (Socket kong = connect(port, "127.0.0.2")) {
                    OutputStream out = kong.getOutputStream();
                    ByteArrayOutputStream line = new ByteArrayOutputStream();
                    line.writeBytes(KongWire.entry(KongWire.freshId()));
                    line.write('\n');
                    out.write(line.toByteArray());
                    out.flush();
                    assertThat(await(exporter, 1, "kong_exporter_tcp_messages_total", "result", "accepted"))
                            .as("Kong's line on 127.0.0.2 while 127.0.0.1 holds open every connection it could").isEqualTo(1.0);
                }
            } finally {
                for (Socket socket : hog) {
                    socket.close();
                }
            }
        }
    }

    private static Socket connect(int port, String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }
}
