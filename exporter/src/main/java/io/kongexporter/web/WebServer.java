package io.kongexporter.web;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.ContentType;
import io.kongexporter.config.ListenAddress;
import io.kongexporter.config.WebConfig;
import io.kongexporter.metrics.BuildInfo;
import io.kongexporter.status.NodeFleet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The exporter's HTTP side: {@code /metrics}, the log endpoint, the landing page, and the health and readiness probes. */
public final class WebServer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebServer.class);
    private final Javalin app;
    private final boolean tls;
    private final SslContextFactory.Server ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();

    public WebServer(PrometheusRegistry registry, NodeFleet fleet, BuildInfo build, BooleanSupplier ready, Clock clock, List<Route> routes,
                     ListenAddress listen, WebConfig web, WebAuth auth) {
        MetricsEndpoint metrics = new MetricsEndpoint(registry);
        this.tls = web.tls().isPresent();
        this.app = Javalin.create(config -> {
            web.tls().ifPresent(settings -> config.jetty.addConnector((server, http) -> TlsConnector.create(server, http, listen, ssl, settings)));
            config.routes.before(auth::check);
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.routes.get("/metrics", metrics);
            config.routes.get("/", ctx -> ctx.contentType(ContentType.TEXT_HTML)
                    .result(LandingPage.render(build, fleet.snapshots(), clock.instant())));
            config.routes.get("/-/healthy", ctx -> ctx.contentType(ContentType.TEXT_PLAIN).result("OK\n"));
            config.routes.get("/-/ready", ctx -> {
                boolean isReady = ready.getAsBoolean();
                ctx.status(isReady ? 200 : 503).contentType(ContentType.TEXT_PLAIN)
                        .result(isReady ? "ready\n" : "not ready: first poll round not finished\n");
            });
            routes.forEach(route -> config.routes.addHttpHandler(route.method(), route.path(), route.handler()));
            config.routes.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(new ErrorBody(e.status(), e.error(), e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(new ErrorBody(500, "Internal Server Error", "the exporter failed to handle this request; see its log"));
            });
            config.routes.error(404, ctx -> ctx.json(Map.of(
                    "status", 404, "error", "Not Found", "message", "no such endpoint: " + ctx.method() + " " + ctx.path())));
            config.routes.error(405, ctx -> ctx.json(Map.of(
                    "status", 405, "error", "Method Not Allowed", "message", ctx.method() + " is not allowed on " + ctx.path())));
        });
    }

    /** The JSON body of every error answer. */
    record ErrorBody(int status, String error, String message) {}

    public WebServer start(ListenAddress listen) {
        if (tls) {
            app.start();
        } else {
            app.start(listen.host(), listen.port());
        }
        return this;
    }

    /** Reloads the listener's certificate, key and client CA (the web config was re-read); true when applied. */
    public boolean reloadTls(WebConfig.Tls settings) {
        if (!tls) {
            return false;
        }
        try {
            ssl.reload(factory -> TlsConnector.configure(factory, settings));
            return true;
        } catch (Exception e) {
            LOG.error("reloading the TLS certificate failed, keeping the previous one: {}", e.getMessage());
            return false;
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
