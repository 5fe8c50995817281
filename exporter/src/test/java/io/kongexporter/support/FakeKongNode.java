package io.kongexporter.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.time.Duration;
import java.util.List;

/**
 * A fake Kong node that is a real HTTP server on loopback, serving real Kong bodies per path (query included,
 * e.g. "/status?unit=b"). It can go down (connections refused) and come back on the same port, or hang
 * (accept the request and never answer).
 */
public final class FakeKongNode implements AutoCloseable {
    public record Reply(int status, byte[] body) {}

    private final Map<String, Reply> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-kong");
        t.setDaemon(true);
        return t;
    });
    private volatile CountDownLatch hang = new CountDownLatch(0);
    private volatile boolean hanging;
    private volatile Duration delay = Duration.ZERO;
    private volatile String[] requiredHeader;
    private HttpServer server;
    private int port;

    public FakeKongNode() {
        listen(0);
    }

    public FakeKongNode serve(String pathAndQuery, int status, byte[] body) {
        routes.put(pathAndQuery, new Reply(status, body));
        return this;
    }

    public FakeKongNode serve(String pathAndQuery, byte[] body) {
        return serve(pathAndQuery, 200, body);
    }

    /** Serves a Kong 3.x /status fixture for both {@code /status} and {@code /status?unit=b}. */
    public FakeKongNode serveStatus(byte[] body) {
        return serve("/status", body).serve("/status?unit=b", body);
    }

    /** Like Kong with RBAC: requests without this header value get 401. */
    public FakeKongNode requireHeader(String name, String value) {
        requiredHeader = new String[] {name, value};
        return this;
    }

    public FakeKongNode remove(String pathAndQuery) {
        routes.remove(pathAndQuery);
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public List<String> requests() {
        return requests;
    }

    /** Stops listening: new connections are refused, like a crashed Kong. */
    public synchronized void goDown() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public synchronized void comeBack() {
        listen(port);
    }

    /** From now on, requests are accepted and never answered (until {@link #stopHanging()}). */
    public void hang() {
        hang = new CountDownLatch(1);
        hanging = true;
    }

    /** Answers every request after this delay, like a slow Kong. */
    public FakeKongNode delay(Duration answerAfter) {
        delay = answerAfter;
        return this;
    }

    public void stopHanging() {
        hanging = false;
        hang.countDown();
    }

    private synchronized void listen(int wanted) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(exchange.getRequestMethod() + " " + key);
        if (hanging) {
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Reply reply = routes.getOrDefault(key, new Reply(404, "{\"message\":\"Not found\"}".getBytes()));
        String[] required = requiredHeader;
        if (required != null && !required[1].equals(exchange.getRequestHeaders().getFirst(required[0]))) {
            reply = new Reply(401, "{\"message\":\"Invalid credentials. Token or User credentials required\"}".getBytes());
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        exchange.getResponseBody().write(reply.body());
        exchange.close();
    }

    @Override
    public void close() {
        stopHanging();
        server.stop(0);
        executor.shutdownNow();
    }
}
