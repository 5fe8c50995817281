package io.kongexporter.config;

import java.util.List;

/**
 * The {@code live:} section: the SSE bridge.
 *
 * @param maxClients subscribers of {@code /events} (and {@code /stream}) at once; 503 beyond
 * @param streamPaths Admin API paths {@code GET /stream/{node}/{path}} may poll and stream; {@code {name}} matches
 *        one path segment
 */
public record LiveConfig(int maxClients, List<String> streamPaths) {
    public static final List<String> DEFAULT_STREAM_PATHS = List.of("/status", "/upstreams/{name}/health", "/clustering/data-planes");

    public LiveConfig {
        streamPaths = List.copyOf(streamPaths);
    }

    public static LiveConfig defaults() {
        return new LiveConfig(1000, DEFAULT_STREAM_PATHS);
    }
}
