package io.kongexporter.support;

import io.kongexporter.ExporterApp;
import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigLoader;
import io.kongexporter.config.ExporterConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/** The exporter started on a free loopback port, and a real HTTP client bound to it. */
public final class RunningExporter implements AutoCloseable {
    private final ExporterApp app;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RunningExporter(ExporterApp app) {
        this.app = app;
    }

    /** Starts with the given environment-style settings, e.g. {@code KONG_EXPORTER_KONG_NODES}. */
    public static RunningExporter start(Map<String, String> env, String... flags) {
        return start(env, 15_000, flags);
    }

    /** With the SSE heartbeat every {@code heartbeatMillis}. */
    public static RunningExporter start(Map<String, String> env, long heartbeatMillis, String... flags) {
        try {
            String[] args = new String[flags.length + 1];
            args[0] = "--listen=127.0.0.1:0";
            System.arraycopy(flags, 0, args, 1, flags.length);
            ExporterConfig config = ConfigLoader.load(env, CommandLine.parse(args));
            return new RunningExporter(ExporterApp.start(config, heartbeatMillis));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public ExporterApp app() {
        return app;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    public HttpResponse<String> get(String path, String... headers) {
        return request("GET", path, null, HttpResponse.BodyHandlers.ofString(), headers);
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers) {
        return request("GET", path, null, HttpResponse.BodyHandlers.ofByteArray(), headers);
    }

    /** Sends a body with the given method (POST, PUT, PATCH) and headers. */
    public HttpResponse<String> send(String method, String path, byte[] body, String... headers) {
        return request(method, path, body, HttpResponse.BodyHandlers.ofString(), headers);
    }

    private <T> HttpResponse<T> request(String method, String path, byte[] body, HttpResponse.BodyHandler<T> handler, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return client.send(request.build(), handler);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String path, byte[] body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Scrape scrape() {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode());
        }
        return new Scrape(response.body());
    }

    /** Scrapes until the condition holds or the timeout passes; returns the last scrape either way. */
    public Scrape awaitScrape(Duration timeout, Predicate<Scrape> condition) {
        Instant deadline = Instant.now().plus(timeout);
        Scrape last = scrape();
        while (!condition.test(last) && Instant.now().isBefore(deadline)) {
            sleep(50);
            last = scrape();
        }
        return last;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
