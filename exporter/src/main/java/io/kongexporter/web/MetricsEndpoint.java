package io.kongexporter.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Enumeration;

/**
 * {@code GET /metrics}, served by client_java's scrape handler: text or OpenMetrics by content negotiation,
 * protobuf (native histograms) when asked, gzip, and {@code name[]} filtering.
 */
public final class MetricsEndpoint implements Handler {
    private final PrometheusScrapeHandler scrapeHandler;
    private final ScrapeListener listener;

    public MetricsEndpoint(PrometheusRegistry registry) {
        this(registry, ScrapeListener.NONE);
    }

    /** With a listener told before each scrape collects and once it has collected. */
    public MetricsEndpoint(PrometheusRegistry registry, ScrapeListener listener) {
        this.scrapeHandler = new PrometheusScrapeHandler(registry);
        this.listener = listener;
    }

    /**
     * The listener is told the scrape answered once its snapshot is collected (the scrape handler collects before it
     * sends the headers), not once the body reached the client: a client that reads nothing must not hold it.
     */
    @Override
    public void handle(Context ctx) throws IOException {
        Runnable answered = once(listener.beforeScrape());
        try {
            scrapeHandler.handleRequest(new Exchange(ctx, answered));
        } finally {
            answered.run();
        }
    }

    private static Runnable once(Runnable action) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    /** Adapts a Javalin context to the scrape handler's exchange. */
    private record Exchange(Context ctx, Runnable collected) implements PrometheusHttpExchange, PrometheusHttpRequest, PrometheusHttpResponse {
        @Override
        public PrometheusHttpRequest getRequest() {
            return this;
        }

        @Override
        public PrometheusHttpResponse getResponse() {
            return this;
        }

        @Override
        public String getQueryString() {
            return ctx.queryString();
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            Enumeration<String> headers = ctx.req().getHeaders(name);
            return headers == null ? Collections.emptyEnumeration() : headers;
        }

        @Override
        public String getMethod() {
            return ctx.method().name();
        }

        @Override
        public String getRequestPath() {
            return ctx.path();
        }

        @Override
        public void setHeader(String name, String value) {
            ctx.header(name, value);
        }

        @Override
        public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) throws IOException {
            collected.run();
            ctx.status(statusCode);
            if (contentLength > 0) {
                ctx.res().setContentLength(contentLength);
            }
            return ctx.res().getOutputStream();
        }

        @Override
        public void handleException(IOException e) throws IOException {
            throw e;
        }

        @Override
        public void handleException(RuntimeException e) {
            throw e;
        }

        @Override
        public void close() {
            // Jetty completes the response when the handler returns.
        }
    }
}
