package io.kongexporter.status;

import io.kongexporter.config.NodeAuth;
import io.kongexporter.config.NodeConfig;
import io.kongexporter.tls.KongTls;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/** The only I/O of status polling: asynchronous GETs to Kong's Admin or Status API. Never sends anything but GET. */
public final class KongClient {
    /** Admin API bodies are a few KiB; a data-plane page of 100 is ~60 KiB. */
    public static final int MAX_BODY_BYTES = 4 << 20;

    private final HttpClient http;
    private final String userAgent;
    private final Duration connectTimeout;
    private final Executor executor;
    private final CappedBodyHandler bodyHandler = new CappedBodyHandler(MAX_BODY_BYTES);
    /** One client per distinct TLS setting (custom CA, client certificate, no verification): few in practice. */
    private final Map<NodeAuth.TlsClient, HttpClient> tlsClients = new ConcurrentHashMap<>();

    public KongClient(Duration connectTimeout, Executor executor, String version) {
        this.connectTimeout = connectTimeout;
        this.executor = executor;
        this.http = builder().build();
        this.userAgent = "kong-exporter/" + version;
    }

    private HttpClient.Builder builder() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor);
    }

    /** GET {@code path} on {@code node}, with the node's auth headers and TLS settings. */
    public CompletableFuture<KongResponse> get(NodeConfig node, String path, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path))
                .GET()
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        node.auth().headers().forEach(request::header);
        HttpClient client;
        try {
            client = node.auth().tls().isPresent() ? tlsClients.computeIfAbsent(node.auth().tls().get(), this::tlsClient) : http;
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(new IOException(e.getMessage(), e));
        }
        return client.sendAsync(request.build(), bodyHandler).thenApply(r -> new KongResponse(r.statusCode(), r.body()));
    }

    private HttpClient tlsClient(NodeAuth.TlsClient tls) {
        try {
            return builder().sslContext(KongTls.context(tls)).build();
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("TLS settings unusable: " + e.getMessage(), e);
        }
    }
}
