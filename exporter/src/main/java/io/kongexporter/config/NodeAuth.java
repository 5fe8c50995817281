package io.kongexporter.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How the exporter authenticates to one Kong node: headers sent with every GET (a {@code Kong-Admin-Token}, basic
 * auth, or any static header), and TLS settings (a custom CA, a client certificate, or, only when set, no
 * verification). Secrets come from the config, from files, or from {@code ${ENV}} references, and are never
 * printed.
 */
public record NodeAuth(Map<String, String> headers, Optional<TlsClient> tls) {
    public static final NodeAuth NONE = new NodeAuth(Map.of(), Optional.empty());

    /** Client-side TLS to Kong's Admin API (e.g. port 8444). */
    public record TlsClient(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile, boolean insecureSkipVerify) {}

    public NodeAuth {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "NodeAuth[headers=" + headers.keySet() + ", tls=" + tls + "]";
    }
}
