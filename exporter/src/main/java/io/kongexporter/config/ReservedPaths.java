package io.kongexporter.config;

import java.util.List;

/**
 * The paths the exporter serves itself, which {@code ingest.path} may not take (the log endpoint has its own
 * credentials and is open to web basic auth, so a collision would serve that route without auth).
 */
final class ReservedPaths {
    /** Served exactly (Javalin also matches them with a trailing slash). */
    static final List<String> EXACT = List.of("/", "/metrics", "/probe", "/events", "/live", "/alerts/webhook");
    /** Served with anything below them. */
    static final List<String> PREFIXES = List.of("/-/", "/api/", "/stream/", "/live/", "/alerts/");

    private ReservedPaths() {}

    /** The route {@code path} would collide with, or null. {@code path} has no empty, "." or ".." segment. */
    static String collision(String path) {
        String bare = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (String exact : EXACT) {
            if (exact.equals(bare)) {
                return exact;
            }
        }
        for (String prefix : PREFIXES) {
            if ((bare + "/").startsWith(prefix)) {
                return prefix + "...";
            }
        }
        return null;
    }
}
