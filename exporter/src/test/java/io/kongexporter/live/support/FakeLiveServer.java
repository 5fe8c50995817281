package io.kongexporter.live.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the exporter's live side on loopback: the page from the classpath under {@code /live/}, and the
 * protocol the page consumes ({@code /api/history}, {@code /api/alerts}, {@code /events}) with state a test changes:
 * node docs ({@link #patch}), firing alerts ({@link #fire}, {@link #resolve}) and open streams ({@link #dropStreams}).
 * A stream opened without {@code Last-Event-ID} gets a status snapshot of each node and the cluster counts first; one
 * that resumes with it gets none, as the exporter's replay holds no snapshot. Then a traffic point per second (none
 * for seconds divisible by 10: gaps) for at most two minutes.
 */
public final class FakeLiveServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final long STREAM_LIMIT_MS = 120_000;

    private final Map<String, ObjectNode> nodes = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> alerts = new ConcurrentHashMap<>();
    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger generation = new AtomicInteger();
    private final List<Boolean> opened = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-live");
        t.setDaemon(true);
        return t;
    });
    private final HttpServer server;

    private FakeLiveServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::route);
        server.start();
    }

    /** Starts with the given node docs (name to status doc) and firing alerts. */
    public static FakeLiveServer start(Map<String, ObjectNode> nodeDocs, List<ObjectNode> firing) {
        FakeLiveServer fake = new FakeLiveServer();
        nodeDocs.forEach((name, doc) -> fake.nodes.put(name, doc.deepCopy()));
        firing.forEach(alert -> fake.alerts.put(alert.get("fingerprint").asText(), alert));
        return fake;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Path and query of every request so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Replaces a member of a node's doc (path like {@code /connections/active}) and sends the status-patch. */
    public void patch(String node, String path, JsonNode value) {
        int slash = path.lastIndexOf('/');
        ((ObjectNode) nodes.get(node).at(path.substring(0, slash))).set(path.substring(slash + 1), value);
        ObjectNode op = JSON.createObjectNode().put("op", "replace").put("path", path).set("value", value);
        ObjectNode event = JSON.createObjectNode().put("node", node);
        event.putArray("patch").add(op);
        broadcast("status-patch", event);
    }

    /** A node that joins without a snapshot event: open streams only learn of it through its next patch. */
    public void addSilently(String node, ObjectNode doc) {
        nodes.put(node, doc.deepCopy());
    }

    /** Streams opened so far, and how many of them resumed with {@code Last-Event-ID}. */
    public long streamsOpened(boolean resumed) {
        return opened.stream().filter(r -> r == resumed).count();
    }

    public void fire(ObjectNode alert) {
        alerts.put(alert.get("fingerprint").asText(), alert);
        broadcast("alert", alert.deepCopy().put("status", "firing"));
    }

    /** Adds a firing alert that only /api/alerts shows: no event, as if it fired while a client was away. */
    public void fireSilently(ObjectNode alert) {
        alerts.put(alert.get("fingerprint").asText(), alert);
    }

    public void resolve(String fingerprint) {
        ObjectNode alert = alerts.remove(fingerprint);
        broadcast("alert", alert.deepCopy().put("status", "resolved"));
    }

    /** Ends every open event stream, as a restarting exporter would; clients are welcome to reconnect. */
    public void dropStreams() {
        generation.incrementAndGet();
    }

    private void broadcast(String event, JsonNode data) {
        streams.forEach(queue -> queue.add(event + "\n" + data));
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(query == null ? path : path + "?" + query);
        try (exchange) {
            if (path.equals("/live")) {
                exchange.getResponseHeaders().set("Location", "/live/");
                exchange.sendResponseHeaders(301, -1);
            } else if (path.startsWith("/live/")) {
                asset(exchange, path.substring("/live/".length()));
            } else if (path.equals("/api/history")) {
                history(exchange, query == null ? "" : query);
            } else if (path.equals("/api/alerts")) {
                ObjectNode body = JSON.createObjectNode();
                body.putArray("alerts").addAll(List.copyOf(alerts.values()));
                send(exchange, 200, "application/json", body.toString());
            } else if (path.equals("/events")) {
                events(exchange);
            } else {
                send(exchange, 404, "text/plain", "no such path\n");
            }
        }
    }

    private void asset(HttpExchange exchange, String name) throws IOException {
        String file = name.isEmpty() ? "index.html" : name;
        InputStream in = file.matches("[A-Za-z0-9_.-]+") && !file.startsWith(".")
                ? FakeLiveServer.class.getResourceAsStream("/live/" + file) : null;
        if (in == null) {
            send(exchange, 404, "text/plain", "no such file\n");
            return;
        }
        String type = file.endsWith(".html") ? "text/html" : file.endsWith(".css") ? "text/css"
                : file.endsWith(".js") ? "text/javascript" : "application/octet-stream";
        try (in) {
            send(exchange, 200, type + "; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** 1 s points for the last 150 s but the 20 s from 70 to 50 s ago, from {@code from} on; 400 for other queries. */
    private void history(HttpExchange exchange, String query) throws IOException {
        Map<String, String> params = new ConcurrentHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        String resolution = params.get("resolution");
        if (!("1s".equals(resolution) || "1m".equals(resolution)) || !params.getOrDefault("from", "").matches("\\d+")) {
            ObjectNode error = JSON.createObjectNode().put("status", 400).put("error", "Bad Request")
                    .put("message", "want resolution=1s&from=<epoch seconds>, got " + query);
            send(exchange, 400, "application/json", error.toString());
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        if ("1m".equals(resolution)) { // a minute point every minute of the last three hours
            ObjectNode body = JSON.createObjectNode().put("resolution", "1m");
            for (long ts = Math.max(Long.parseLong(params.get("from")), now - 3 * 3600) / 60 * 60; ts < now - 60; ts += 60) {
                body.withArray("points").add(Samples.trafficPoint(ts).put("requests", 60L * Samples.requestsAt(ts)));
            }
            send(exchange, 200, "application/json", body.toString());
            return;
        }
        long from = Math.max(Long.parseLong(params.get("from")), now - 150);
        ObjectNode body = JSON.createObjectNode().put("resolution", "1s");
        ArrayNode points = body.putArray("points");
        for (long ts = from; ts <= now - 2; ts++) {
            if (ts < now - 70 || ts >= now - 50) {
                points.add(Samples.trafficPoint(ts));
            }
        }
        send(exchange, 200, "application/json", body.toString());
    }

    private void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        int mine = generation.get();
        OutputStream out = exchange.getResponseBody();
        int id = 0;
        write(out, "retry: 1000\n\n: ping\n\n");
        boolean resumed = exchange.getRequestHeaders().getFirst("Last-Event-ID") != null;
        opened.add(resumed);
        if (!resumed) {
            nodes.forEach((name, doc) -> queue.add("status\n" + JSON.createObjectNode().put("node", name).set("doc", doc)));
            // every node counted live: the exporter's count lags a node going down by its heartbeat window
            queue.add("cluster\n" + JSON.createObjectNode().put("live", nodes.size()).put("known", nodes.size()));
        }
        streams.add(queue);
        long end = System.currentTimeMillis() + STREAM_LIMIT_MS;
        long nextSecond = System.currentTimeMillis() / 1000 + 1;
        try {
            while (generation.get() == mine && System.currentTimeMillis() < end) {
                long untilNextSecond = Math.max(1, nextSecond * 1000 - System.currentTimeMillis());
                String event = queue.poll(untilNextSecond, TimeUnit.MILLISECONDS);
                if (event != null) {
                    int newline = event.indexOf('\n');
                    write(out, "id: " + ++id + "\nevent: " + event.substring(0, newline)
                            + "\ndata: " + event.substring(newline + 1) + "\n\n");
                } else if (System.currentTimeMillis() >= nextSecond * 1000) {
                    long ts = nextSecond - 1; // the second that just ended
                    if (ts % 10 != 0) {
                        write(out, "id: " + ++id + "\nevent: traffic\ndata: " + Samples.trafficPoint(ts) + "\n\n");
                    }
                    nextSecond++;
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the client left or the server is stopping
        } finally {
            streams.remove(queue);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        dropStreams();
        server.stop(0);
        executor.shutdownNow();
    }
}
