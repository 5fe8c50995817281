package io.kongexporter.web;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.kongexporter.config.ConfigKey;
import io.kongexporter.config.ListenAddress;
import io.kongexporter.config.WebConfig;
import io.kongexporter.core.ApiError;
import io.kongexporter.core.Component;
import io.kongexporter.core.ConfigChange;
import io.kongexporter.core.Route;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's HTTP listener (Javalin): serves the one route table of all features, checks basic auth and adds
 * the configured headers before every handler, and maps errors once to a JSON body. Knows no Kong.
 */
public final class WebServer implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /**
     * Request threads. The log endpoint reads at most 384 bodies at once (LogIngestEndpoint.MAX_BODIES_READ_AT_ONCE),
     * so however slow its senders, 128 threads stay for {@code /metrics}, the health checks, the pages and SSE.
     */
    static final int MAX_THREADS = 512;
    private static final int MIN_THREADS = 8;
    private static final int THREAD_IDLE_MILLIS = 60_000;

    private final Javalin app;
    private final ListenAddress listen;
    private final boolean tls;
    private final WebAuth auth;
    private final SslContextFactory.Server ssl = new SslContextFactory.Server();

    public WebServer(ListenAddress listen, WebConfig web, List<Route> routes, WebAuth auth) {
        this.listen = listen;
        this.tls = web.tls().isPresent();
        this.auth = auth;
        this.app = Javalin.create(config -> {
            QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, THREAD_IDLE_MILLIS);
            threads.setName("web");
            config.jetty.threadPool = threads;
            web.tls().ifPresent(settings -> config.jetty.addConnector((server, http) -> TlsConnector.create(server, http, listen, ssl, settings)));
            config.routes.before(auth::check);
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
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

    @Override
    public void start() {
        if (tls) {
            app.start();
        } else {
            app.start(listen.host(), listen.port());
        }
    }

    /** Users and headers apply at once, a new certificate too; the address and turning TLS on or off need a restart. */
    @Override
    public Set<ConfigKey> apply(ConfigChange change) {
        Set<ConfigKey> restart = EnumSet.noneOf(ConfigKey.class);
        restart.addAll(change.changedOf(ConfigKey.LISTEN));
        WebConfig next = change.next().web();
        auth.apply(next.users(), next.headers());
        if (next.tls().isPresent() != tls || tls && !reloadTls(next.tls().get())) {
            restart.add(ConfigKey.WEB_CONFIG_FILE);
        }
        return restart;
    }

    private boolean reloadTls(WebConfig.Tls settings) {
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
