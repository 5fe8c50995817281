package io.kongexporter.bench;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** SSE subscribers of {@code /events} (every topic), read as fast as one thread can; a dropped one subscribes again. */
final class SseCrowd extends RawConnections {
    private static final byte[] REQUEST = "GET /events HTTP/1.1\r\nHost: exporter\r\nAccept: text/event-stream\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    SseCrowd(InetSocketAddress exporter, int count) {
        super("sse-clients", exporter, count);
    }

    @Override
    byte[] request() {
        return REQUEST;
    }

    @Override
    boolean tick(SocketChannel channel, Connection connection, long nowNanos) {
        return true;
    }

    @Override
    boolean keepsOpen(int status) {
        return status == 200;
    }
}
