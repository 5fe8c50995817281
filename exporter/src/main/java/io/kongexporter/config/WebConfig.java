package io.kongexporter.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The web config file ({@code --web.config.file}), in the Prometheus exporter-toolkit format: TLS for the
 * exporter's listener, basic-auth users with bcrypt hashes, and extra response headers.
 */
public record WebConfig(Optional<Path> file, Optional<Tls> tls, Map<String, String> users, Map<String, String> headers) {
    /** {@code tls_server_config}: PEM files; {@code clientAuthType} as exporter-toolkit names it. */
    public record Tls(Path certFile, Path keyFile, Optional<Path> clientCaFile, String clientAuthType) {}

    public WebConfig {
        users = Map.copyOf(users);
        headers = Map.copyOf(headers);
    }

    public static WebConfig none() {
        return new WebConfig(Optional.empty(), Optional.empty(), Map.of(), Map.of());
    }

    /** The hashes are never printed. */
    @Override
    public String toString() {
        return "WebConfig[file=" + file + ", tls=" + tls.isPresent() + ", users=" + users.keySet() + ", headers=" + headers.keySet() + "]";
    }
}
