package io.kongexporter.status;

import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Reads a node's paginated Admin API lists ({@code {"data": [...], "next": "/path?offset=..."}}), page by page. */
final class AdminPages {
    static final int MAX_PAGES = 100;

    /** A page handler consumes one body and returns the next page's path, or null. */
    interface PageHandler {
        String accept(byte[] body) throws KongParseException;
    }

    private final NodeConfig node;
    private final KongConfig config;
    private final KongClient client;

    AdminPages(NodeConfig node, KongConfig config, KongClient client) {
        this.node = node;
        this.config = config;
        this.client = client;
    }

    /** Follows {@code next} from {@code path} for at most {@link #MAX_PAGES} pages. */
    CompletableFuture<Void> fetch(String path, PageHandler handler) {
        return fetch(path, 0, handler);
    }

    private CompletableFuture<Void> fetch(String path, int pageNumber, PageHandler handler) {
        return getOk(path).thenCompose(body -> {
            String next;
            try {
                next = handler.accept(body);
            } catch (KongParseException e) {
                return CompletableFuture.failedFuture(e);
            }
            if (next == null || pageNumber + 1 >= MAX_PAGES || !next.startsWith("/")) {
                return CompletableFuture.completedFuture(null);
            }
            return fetch(next, pageNumber + 1, handler);
        });
    }

    /** The body of a 200 answer; any other status fails. */
    CompletableFuture<byte[]> getOk(String path) {
        return client.get(node, path, config.timeout())
                .orTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(response -> response.status() == 200
                        ? CompletableFuture.completedFuture(response.body())
                        : CompletableFuture.failedFuture(new PollFailure.UnexpectedStatusException(path, response.status())));
    }
}
