package io.kongexporter.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slow-body senders: POSTs to the log endpoint declaring a 16 MiB body ({@code ingest.max_body}) and trickling one
 * byte of it every few seconds, opened again whenever the exporter answers (408, 503) or closes.
 */
final class SlowBodies extends RawConnections {
    private final byte[] head;
    private final long periodNanos;
    final AtomicLong bytesTrickled = new AtomicLong();

    SlowBodies(InetSocketAddress exporter, String path, int count, Duration bytePeriod) {
        super("slow-bodies", exporter, count);
        this.head = ("POST " + path + " HTTP/1.1\r\nHost: exporter\r\nContent-Type: application/json\r\nContent-Length: 16777216\r\n\r\n[")
                .getBytes(StandardCharsets.US_ASCII);
        this.periodNanos = bytePeriod.toNanos();
    }

    @Override
    byte[] request() {
        return head;
    }

    @Override
    boolean tick(SocketChannel channel, Connection connection, long nowNanos) throws IOException {
        if (nowNanos - connection.nextTickNanos >= periodNanos) {
            connection.nextTickNanos = nowNanos;
            bytesTrickled.addAndGet(channel.write(ByteBuffer.wrap(new byte[] {' '})));
        }
        return true;
    }

    @Override
    boolean keepsOpen(int status) {
        return false;
    }

    @Override
    public String toString() {
        return super.toString() + ", " + bytesTrickled.get() + " bytes trickled";
    }
}
