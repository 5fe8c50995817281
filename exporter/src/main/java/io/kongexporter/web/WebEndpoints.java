package io.kongexporter.web;

import io.javalin.http.ContentType;
import io.kongexporter.core.Component;
import io.kongexporter.core.Route;
import io.kongexporter.metrics.BuildInfo;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What every exporter serves: {@code /metrics}, {@code /-/healthy}, {@code /-/ready} and the landing page {@code /}. */
public final class WebEndpoints implements Component {
    private final MetricsEndpoint metrics;
    private final BuildInfo build;
    private final BooleanSupplier ready;
    private final List<LandingSection> sections;

    public WebEndpoints(PrometheusRegistry registry, BuildInfo build, BooleanSupplier ready, List<LandingSection> sections) {
        this(registry, build, ready, sections, ScrapeListener.NONE);
    }

    /** With a listener told of every {@code /metrics} scrape, before it collects and after it answered. */
    public WebEndpoints(PrometheusRegistry registry, BuildInfo build, BooleanSupplier ready, List<LandingSection> sections, ScrapeListener scrapes) {
        this.metrics = new MetricsEndpoint(registry, scrapes);
        this.build = build;
        this.ready = ready;
        this.sections = List.copyOf(sections);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/metrics", metrics),
                Route.get("/", ctx -> ctx.contentType(ContentType.TEXT_HTML).result(LandingPage.render(build, sections))),
                Route.get("/-/healthy", ctx -> ctx.contentType(ContentType.TEXT_PLAIN).result("OK\n")),
                Route.get("/-/ready", ctx -> {
                    boolean isReady = ready.getAsBoolean();
                    ctx.status(isReady ? 200 : 503).contentType(ContentType.TEXT_PLAIN)
                            .result(isReady ? "ready\n" : "not ready: first poll round not finished\n");
                }));
    }
}
