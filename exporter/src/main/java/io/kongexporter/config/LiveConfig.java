package io.kongexporter.config;

import java.util.List;
import java.util.Optional;

/**
 * The {@code live:} section: the SSE bridge.
 *
 * @param maxClients subscribers of {@code /events} (and {@code /stream}) at once; 503 beyond
 * @param streamPaths Admin API paths {@code GET /stream/{node}/{path}} may poll and stream; {@code {name}} matches
 *        one path segment
 * @param kafkaTopic the topic replicas share their per-second traffic on, so that each one's live view shows the
 *        fleet (with {@code ingest.kafka}'s brokers and security); off when empty
 */
public record LiveConfig(int maxClients, List<String> streamPaths, Optional<String> kafkaTopic) {
    public static final List<String> DEFAULT_STREAM_PATHS = List.of("/status", "/upstreams/{name}/health", "/clustering/data-planes");

    public LiveConfig {
        streamPaths = List.copyOf(streamPaths);
    }

    public static LiveConfig defaults() {
        return new LiveConfig(1000, DEFAULT_STREAM_PATHS, Optional.empty());
    }
}
