package io.kongsimulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Admin API, or the Status API ({@link Listener}), of one incarnation of a simulated node: routes a
 * request, computes its body from the time of the request, and answers with Kong's headers. Unknown paths
 * get 404, known paths with another method than GET get 405, both with Kong's {@code {"message": ...}} body.
 * {@code /status/ready} is served on the Status API only (Kong attaches {@code kong/status/ready.lua} in
 * {@code kong/status/init.lua}, not to the Admin API); {@code /status} on both.
 */
final class AdminApi implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern UPSTREAM_HEALTH = Pattern.compile("/upstreams/([^/]+)/health");
    private static final String DATA_PLANES = "/clustering/data-planes";
    private static final String CERTIFICATES = "/certificates";
    /** A (re)started node answers /status/ready 503 until its router and plugins iterator are built. */
    private static final double READY_AFTER_SECONDS = 5;
    private static final String NOT_A_CONTROL_PLANE =
            "this endpoint is only available when Kong is configured to run as Control Plane for the cluster";

    private record Reply(int status, byte[] body) {
    }

    private final NodeProfile profile;
    private final Listener listener;
    private final Scenario scenario;
    private final Incarnation life;
    private final int port;
    private final UpstreamCatalog upstreams;
    private final List<SimulatedDataPlane> dataPlanes;
    private final Traffic traffic;
    private final MemoryUsage memory;
    private final AtomicLong served = new AtomicLong();

    AdminApi(NodeProfile profile, Listener listener, Scenario scenario, Incarnation life, int port, UpstreamCatalog upstreams,
             List<SimulatedDataPlane> dataPlanes) {
        this.profile = profile;
        this.listener = listener;
        this.scenario = scenario;
        this.life = life;
        this.port = port;
        this.upstreams = upstreams;
        this.dataPlanes = List.copyOf(dataPlanes);
        this.traffic = new Traffic(life);
        this.memory = new MemoryUsage(life);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            long servedSoFar = served.incrementAndGet();
            send(exchange, reply(exchange, servedSoFar));
        } finally {
            exchange.close();
        }
    }

    private Reply reply(HttpExchange exchange, long servedSoFar) {
        try {
            String path = exchange.getRequestURI().getRawPath();
            QueryParams query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
            Supplier<JsonResponse> endpoint = route(path, query, servedSoFar);
            if (!exchange.getRequestMethod().equals("GET")) {
                throw new AdminApiException(405, "Method not allowed");
            }
            return new Reply(200, render(endpoint.get()));
        } catch (AdminApiException e) {
            return new Reply(e.status(), render(new MessageBody(e.getMessage())));
        } catch (RuntimeException e) {
            log.warn("{}: {} {} failed", profile.name(), exchange.getRequestMethod(), exchange.getRequestURI(), e);
            return new Reply(500, render(new MessageBody("An unexpected error happened")));
        }
    }

    private Supplier<JsonResponse> route(String rawPath, QueryParams query, long servedSoFar) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/")
                ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        long now = scenario.nowMillis();
        if (listener == Listener.STATUS_API) {
            return switch (path) {
                case "/status" -> () -> status(query, now, servedSoFar);
                case "/status/ready" -> () -> ready(now);
                default -> throw AdminApiException.notFound();
            };
        }
        switch (path) {
            case "/":
                return () -> new NodeInfoBody(profile, life, port, now);
            case "/status":
                return () -> status(query, now, servedSoFar);
            case "/upstreams":
                return () -> new UpstreamsBody(upstreams.all(), profile.isKong3());
            case DATA_PLANES:
                return () -> dataPlanes(query, now);
            case CERTIFICATES:
                return () -> certificates(query);
            default:
                Matcher health = UPSTREAM_HEALTH.matcher(path);
                if (health.matches()) {
                    String nameOrId = URLDecoder.decode(health.group(1), StandardCharsets.UTF_8);
                    return () -> upstreamHealth(nameOrId, now);
                }
                throw AdminApiException.notFound();
        }
    }

    private JsonResponse status(QueryParams query, long now, long servedSoFar) {
        MemoryUnit unit = MemoryUnit.parse(query.get("unit"));
        String hash = profile.reportsConfigHash() ? ConfigHash.at(scenario, now) : null;
        return new StatusBody(profile, life, traffic.at(now, servedSoFar), memory, now, hash, unit);
    }

    /**
     * {@code kong/status/ready.lua}: a control plane is always ready; other nodes answer 503 until their router and
     * plugins iterator are built on every worker (here: the first seconds of a life), with ready.lua's reason.
     */
    private JsonResponse ready(long now) {
        if (!profile.isControlPlane() && life.uptimeSeconds(now) < READY_AFTER_SECONDS) {
            throw new AdminApiException(503, profile.reportsConfigHash()
                    ? "no configuration available" : "router builds not yet complete");
        }
        return new MessageBody("ready");
    }

    private JsonResponse certificates(QueryParams query) {
        PageRequest page = PageRequest.parse(query);
        List<SimulatedCertificate> all = SimulatedCertificate.demo();
        int total = all.size();
        return new CertificatesBody(all.subList(Math.min(page.from(), total), page.to(total)), page.next(CERTIFICATES, total));
    }

    private JsonResponse upstreamHealth(String nameOrId, long now) {
        Upstream upstream = upstreams.find(nameOrId).orElseThrow(AdminApiException::notFound);
        return new UpstreamHealthBody(upstream, life.nodeId().toString(), now, scenario.targetFlipPeriod(),
                profile.isKong3());
    }

    private JsonResponse dataPlanes(QueryParams query, long now) {
        if (!profile.isControlPlane()) {
            throw new AdminApiException(400, NOT_A_CONTROL_PLANE);
        }
        PageRequest page = PageRequest.parse(query);
        int total = dataPlanes.size();
        List<SimulatedDataPlane> rows = dataPlanes.subList(Math.min(page.from(), total), page.to(total));
        return new DataPlanesBody(rows, page.next(DATA_PLANES, total), scenario, now);
    }

    private static byte[] render(JsonResponse body) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
        try (JsonGenerator json = JSON.createGenerator(buffer)) {
            body.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body();
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Server", "kong/" + profile.version());
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
