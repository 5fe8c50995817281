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

    /** With a listener told before each scrape collects and after it answered. */
    public MetricsEndpoint(PrometheusRegistry registry, ScrapeListener listener) {
        this.scrapeHandler = new PrometheusScrapeHandler(registry);
        this.listener = listener;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        Runnable answered = listener.beforeScrape();
        try {
            scrapeHandler.handleRequest(new Exchange(ctx));
        } finally {
            answered.run();
        }
    }

    /** Adapts a Javalin context to the scrape handler's exchange. */
    private record Exchange(Context ctx) implements PrometheusHttpExchange, PrometheusHttpRequest, PrometheusHttpResponse {
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
