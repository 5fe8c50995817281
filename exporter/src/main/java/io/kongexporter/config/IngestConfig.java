package io.kongexporter.config;

import java.util.List;
import java.util.Optional;

/**
 * The {@code ingest:} section: where Kong's http-log plugin posts and what a request must carry.
 *
 * @param token when present, requests need {@code Authorization: Bearer <token>}
 * @param basicAuth when present, {@code user:password} accepted as HTTP basic auth (http-log's {@code user:pass@} URL)
 * @param maxBodyBytes bodies above this are refused with 413, enforced while reading
 * @param extraLabels top-level custom fields (custom_fields_by_lua) that become labels of the request counter
 */
public record IngestConfig(String path, Optional<String> token, Optional<String> basicAuth, long maxBodyBytes, List<String> extraLabels) {
    public static final long DEFAULT_MAX_BODY = 16L << 20;

    public IngestConfig {
        extraLabels = List.copyOf(extraLabels);
    }

    /** The secrets are never printed. */
    @Override
    public String toString() {
        return "IngestConfig[path=" + path + ", token=" + (token.isPresent() ? "<set>" : "<none>")
                + ", basicAuth=" + (basicAuth.isPresent() ? "<set>" : "<none>") + ", maxBodyBytes=" + maxBodyBytes
                + ", extraLabels=" + extraLabels + "]";
    }
}
