package io.kongexporter.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ingest:} section: where Kong's http-log plugin posts and what a request must carry.
 *
 * @param token when present, requests need {@code Authorization: Bearer <token>}
 * @param basicAuth when present, {@code user:password} accepted as HTTP basic auth (http-log's {@code user:pass@} URL)
 * @param maxBodyBytes bodies above this are refused with 413, enforced while reading
 * @param extraLabels top-level custom fields (custom_fields_by_lua) that become labels of the request counter
 * @param dedupeWindow how long request ids are remembered to count a re-sent entry once; zero turns it off
 * @param dedupeMaxIds ids remembered over the whole window; past it the oldest are forgotten first (fixed memory, 24 to 40 bytes an id)
 * @param readTimeout a body not fully arrived this long after its request started is answered 408 and dropped
 */
public record IngestConfig(String path, Optional<String> token, Optional<String> basicAuth, long maxBodyBytes, List<String> extraLabels,
                           Duration dedupeWindow, int dedupeMaxIds, Duration readTimeout) {
    /** Kong's http-log gives up after its {@code timeout}, 10,000 ms by default (kong/plugins/http-log/schema.lua). */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_MAX_BODY = 16L << 20;
    public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofMinutes(2);
    public static final int DEFAULT_DEDUPE_MAX_IDS = 1_000_000;

    public static IngestConfig defaults() {
        return new IngestConfig("/logs", Optional.empty(), Optional.empty(), DEFAULT_MAX_BODY, List.of(), DEFAULT_DEDUPE_WINDOW, DEFAULT_DEDUPE_MAX_IDS,
                DEFAULT_READ_TIMEOUT);
    }

    public IngestConfig {
        extraLabels = List.copyOf(extraLabels);
    }

    /** The secrets are never printed. */
    @Override
    public String toString() {
        return "IngestConfig[path=" + path + ", token=" + (token.isPresent() ? "<set>" : "<none>")
                + ", basicAuth=" + (basicAuth.isPresent() ? "<set>" : "<none>") + ", maxBodyBytes=" + maxBodyBytes
                + ", extraLabels=" + extraLabels + ", dedupeWindow=" + dedupeWindow + ", dedupeMaxIds=" + dedupeMaxIds + ", readTimeout=" + readTimeout + "]";
    }
}
