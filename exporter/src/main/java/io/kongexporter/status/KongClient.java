package io.kongexporter.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The only I/O of status polling: asynchronous GETs to Kong's Admin or Status API. Never sends anything but GET. */
public final class KongClient {
    /** Admin API bodies are a few KiB; a data-plane page of 100 is ~60 KiB. */
    public static final int MAX_BODY_BYTES = 4 << 20;

    private final HttpClient http;
    private final String userAgent;
    private final CappedBodyHandler bodyHandler = new CappedBodyHandler(MAX_BODY_BYTES);

    public KongClient(Duration connectTimeout, Executor executor, String version) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.userAgent = "kong-exporter/" + version;
    }

    public CompletableFuture<KongResponse> get(URI uri, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .build();
        return http.sendAsync(request, bodyHandler).thenApply(r -> new KongResponse(r.statusCode(), r.body()));
    }
}
