package io.kongexporter.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many raw HTTP/1.1 connections held by one selector thread: each sends {@link #request()}, reads whatever comes back,
 * and is opened again {@value #RECONNECT_MILLIS} ms after the exporter answers or closes it, so the attack keeps
 * its size. Subclasses decide what a connection does while open ({@link #tick}) and with what it reads.
 */
abstract class RawConnections {
    static final long RECONNECT_MILLIS = 1000;

    /** Per connection: when it last wrote, the status of its answer once read (0 before). */
    static final class Connection {
        long nextTickNanos;
        int status;
    }

    private final String name;
    private final InetSocketAddress exporter;
    private final int count;
    private final ArrayDeque<Long> reconnects = new ArrayDeque<>();
    private volatile boolean stop;
    private Thread thread;
    final StatusCounts answers = new StatusCounts();
    final AtomicLong opened = new AtomicLong();
    final AtomicLong open = new AtomicLong();
    final AtomicLong closedByExporter = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();

    static final String ATTACKER_ADDRESS = "127.0.0.66";

    RawConnections(String name, InetSocketAddress exporter, int count) {
        this.name = name;
        this.exporter = exporter;
        this.count = count;
    }

    /** The request head (and any first body bytes) a connection sends once connected. */
    abstract byte[] request();

    /** Called about every 100 ms for every open connection; returns false to close it. */
    abstract boolean tick(SocketChannel channel, Connection connection, long nowNanos) throws IOException;

    /** Whether a connection whose answer has this status stays open (an SSE stream) or is closed and opened again. */
    abstract boolean keepsOpen(int status);

    void start() {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        stop = true;
        thread.join();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        try (Selector selector = Selector.open()) {
            long now = System.nanoTime();
            for (int i = 0; i < count; i++) {
                reconnects.add(now + i * 2_000_000L); // 500 connections a second at first, not all at once
            }
            long nextTick = now;
            while (!stop) {
                selector.select(50);
                now = System.nanoTime();
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    handle(key, buffer, now);
                }
                while (!reconnects.isEmpty() && reconnects.peek() <= now) {
                    reconnects.poll();
                    connect(selector);
                }
                if (now >= nextTick) {
                    nextTick = now + 100_000_000L;
                    for (SelectionKey key : selector.keys()) {
                        Connection c = (Connection) key.attachment();
                        if (key.isValid() && (key.interestOps() & SelectionKey.OP_READ) != 0) {
                            try {
                                if (!tick((SocketChannel) key.channel(), c, now)) {
                                    close(key, now);
                                }
                            } catch (IOException e) {
                                close(key, now);
                            }
                        }
                    }
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        } catch (IOException e) {
            System.err.println(name + " stopped: " + e);
        }
    }

    private void connect(Selector selector) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            // attackers come from another address than the honest Kong (any 127.x address is loopback on Linux), as
            // in production: the exporter gives each remote address a share of its read slots
            channel.bind(new InetSocketAddress(ATTACKER_ADDRESS, 0));
            channel.connect(exporter);
            channel.register(selector, SelectionKey.OP_CONNECT, new Connection());
            opened.incrementAndGet();
        } catch (IOException e) {
            reconnects.add(System.nanoTime() + RECONNECT_MILLIS * 1_000_000);
        }
    }

    private void handle(SelectionKey key, ByteBuffer buffer, long now) {
        SocketChannel channel = (SocketChannel) key.channel();
        Connection c = (Connection) key.attachment();
        try {
            if (key.isConnectable()) {
                channel.finishConnect();
                channel.write(ByteBuffer.wrap(request()));
                key.interestOps(SelectionKey.OP_READ);
                open.incrementAndGet();
                c.nextTickNanos = now;
                return;
            }
            buffer.clear();
            int read = channel.read(buffer);
            if (read < 0) {
                closedByExporter.incrementAndGet();
                close(key, now);
                return;
            }
            bytesRead.addAndGet(read);
            if (c.status == 0 && read >= 12) {
                buffer.flip();
                byte[] head = new byte[12];
                buffer.get(head);
                String line = new String(head, StandardCharsets.US_ASCII);
                c.status = line.startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : -1;
                answers.add(c.status);
                if (!keepsOpen(c.status)) {
                    close(key, now);
                }
            }
        } catch (IOException | RuntimeException e) {
            closedByExporter.incrementAndGet();
            close(key, now);
        }
    }

    private void close(SelectionKey key, long now) {
        if (key.isValid() && (key.interestOps() & SelectionKey.OP_READ) != 0) {
            open.decrementAndGet();
        }
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing anyway
        }
        reconnects.add(now + RECONNECT_MILLIS * 1_000_000);
    }

    @Override
    public String toString() {
        return String.format("%-16s open now %d, opened %d, answers %s, closed by the exporter %d, %.1f MB read", name, open.get(),
                opened.get(), answers, closedByExporter.get(), bytesRead.get() / 1e6);
    }
}
