package io.kongexporter.ingest;

import io.kongexporter.config.IngestConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may post logs: {@code Authorization: Bearer <ingest.token>} (http-log's {@code headers} option), or HTTP
 * basic auth matching {@code ingest.basic_auth} (http-log's {@code user:pass@} URL). Open when neither is set.
 * Comparisons take constant time.
 */
final class IngestAuth {
    private final byte[] bearer;
    private final byte[] basic;

    IngestAuth(IngestConfig config) {
        this.bearer = config.token().map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.basic = config.basicAuth()
                .map(b -> ("Basic " + Base64.getEncoder().encodeToString(b.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8))
                .orElse(null);
    }

    boolean required() {
        return bearer != null || basic != null;
    }

    boolean allows(String authorization) {
        if (!required()) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        byte[] given = authorization.trim().getBytes(StandardCharsets.UTF_8);
        return bearer != null && MessageDigest.isEqual(given, bearer) || basic != null && MessageDigest.isEqual(given, basic);
    }

    String challenge() {
        return basic != null ? "Basic realm=\"kong-exporter\"" : "Bearer realm=\"kong-exporter\"";
    }
}
