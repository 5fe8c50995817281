package io.kongexporter.sockets;

import io.kongexporter.core.ClientShares;
import io.kongexporter.core.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntSupplier;
import javax.net.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking TCP listener: one accept thread, one platform thread per connection, at most {@code max_connections}
 * at once (more are closed as soon as they are accepted, and counted refused). A connection that sends nothing for
 * the idle timeout is closed and counted. Whatever a connection sends, only it is closed; the listener goes on.
 */
final class StreamServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamServer.class);
    /** Connection threads only frame and parse; a small stack lets thousands of them exist. */
    private static final long STACK_BYTES = 512 << 10;

    /** Reads one connection's messages until it ends; an {@link IOException} ends the connection. */
    interface Connection {
        void serve(Socket socket, InputStream in) throws IOException;
    }

    private final ServerSocket server;
    private final TransportMetrics metrics;
    private final IntSupplier maxConnections;
    private final Connection connection;
    private final ThreadFactory threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** A quarter of {@code max_connections} per remote address, so one sender cannot shut Kong's nodes out. */
    private final ClientShares shares = new ClientShares();
    private final Thread acceptor;
    private volatile boolean closed;

    StreamServer(String name, ServerSocketFactory factory, InetSocketAddress address, TransportMetrics metrics, IntSupplier maxConnections,
                 Connection connection) throws IOException {
        this.server = factory.createServerSocket();
        server.setReuseAddress(true);
        server.bind(address, 1024);
        this.metrics = metrics;
        this.maxConnections = maxConnections;
        this.connection = connection;
        this.threads = Threads.daemon(name + "-connection", STACK_BYTES);
        this.acceptor = Threads.daemon(name + "-accept").newThread(this::acceptLoop);
    }

    void start() {
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("accepting a connection on {} failed: {}", server.getLocalSocketAddress(), e.toString());
                    pause();
                }
                continue;
            }
            int max = maxConnections.getAsInt();
            String client = socket.getInetAddress().getHostAddress();
            if (!shares.tryTake(client, ClientShares.shareOf(max))) {
                metrics.refused();
                quietly(socket);
                continue;
            }
            if (!metrics.opened(max)) {
                shares.give(client);
                quietly(socket);
                continue;
            }
            open.add(socket);
            try {
                threads.newThread(() -> serve(socket, client)).start();
            } catch (OutOfMemoryError | RuntimeException e) {
                LOG.warn("no thread for a connection on {}: {}", server.getLocalSocketAddress(), e.toString());
                finish(socket, client);
            }
        }
    }

    private void serve(Socket socket, String client) {
        try {
            connection.serve(socket, socket.getInputStream());
        } catch (SocketTimeoutException e) {
            metrics.idleTimeout();
        } catch (IOException | RuntimeException e) {
            LOG.debug("connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } finally {
            finish(socket, client);
        }
    }

    private void finish(Socket socket, String client) {
        if (open.remove(socket)) {
            metrics.closed();
            shares.give(client);
        }
        quietly(socket);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that is gone already
        }
    }

    /** Stops accepting and closes every open connection (their threads end on the closed socket). */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing the listener at shutdown
        }
        for (Socket socket : open) {
            quietly(socket);
        }
    }
}
