package io.kongexporter.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Builds {@code ingest.tcp}, {@code ingest.udp} and {@code ingest.syslog}: addresses, TLS files, limits. */
final class SocketsSectionReader {
    private final RawValues raw;

    SocketsSectionReader(RawValues raw) {
        this.raw = raw;
    }

    SocketsConfig read() throws ConfigException {
        Optional<Path> cert = file(ConfigKey.INGEST_TCP_TLS_CERT_FILE);
        Optional<Path> key = file(ConfigKey.INGEST_TCP_TLS_KEY_FILE);
        if (cert.isPresent() != key.isPresent()) {
            ConfigKey set = cert.isPresent() ? ConfigKey.INGEST_TCP_TLS_CERT_FILE : ConfigKey.INGEST_TCP_TLS_KEY_FILE;
            throw ConfigException.invalid(raw.label(set), raw.string(set, ""), "set both ingest.tcp.tls.cert_file and ingest.tcp.tls.key_file, or neither");
        }
        SocketsConfig.Tcp tcp = new SocketsConfig.Tcp(listen(ConfigKey.INGEST_TCP_LISTEN), cert, key,
                size(ConfigKey.INGEST_TCP_MAX_LINE, SocketsConfig.DEFAULT_MAX_LINE, 1 << 10, 256 << 20),
                raw.integer(ConfigKey.INGEST_TCP_MAX_CONNECTIONS, SocketsConfig.DEFAULT_MAX_CONNECTIONS, 1, 100_000),
                idleTimeout(ConfigKey.INGEST_TCP_IDLE_TIMEOUT));
        SocketsConfig.Udp udp = new SocketsConfig.Udp(listen(ConfigKey.INGEST_UDP_LISTEN),
                size(ConfigKey.INGEST_UDP_MAX_MESSAGE, SocketsConfig.DEFAULT_MAX_DATAGRAM, 512, 64 << 10));
        SocketsConfig.Syslog syslog = new SocketsConfig.Syslog(listen(ConfigKey.INGEST_SYSLOG_LISTEN),
                size(ConfigKey.INGEST_SYSLOG_MAX_MESSAGE, SocketsConfig.DEFAULT_MAX_DATAGRAM, 512, 256 << 20),
                raw.integer(ConfigKey.INGEST_SYSLOG_MAX_CONNECTIONS, SocketsConfig.DEFAULT_MAX_CONNECTIONS, 1, 100_000),
                idleTimeout(ConfigKey.INGEST_SYSLOG_IDLE_TIMEOUT));
        return new SocketsConfig(tcp, udp, syslog);
    }

    private Optional<ListenAddress> listen(ConfigKey key) throws ConfigException {
        Optional<String> text = raw.optional(key);
        return text.isEmpty() || text.get().isBlank() ? Optional.empty() : Optional.of(ListenAddress.parse(raw.label(key), text.get()));
    }

    private Optional<Path> file(ConfigKey key) throws ConfigException {
        Optional<String> text = raw.optional(key);
        if (text.isEmpty() || text.get().isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(text.get().trim());
        if (!Files.isReadable(path)) {
            throw ConfigException.invalid(raw.label(key), text.get(), "no readable file there");
        }
        return Optional.of(path);
    }

    private int size(ConfigKey key, int fallback, int min, int max) throws ConfigException {
        if (!raw.contains(key)) {
            return fallback;
        }
        long bytes = ByteSize.parse(raw.label(key), raw.string(key, null));
        if (bytes < min || bytes > max) {
            throw ConfigException.invalid(raw.label(key), Long.toString(bytes), "must be between " + min + " and " + max + " bytes");
        }
        return (int) bytes;
    }

    private Duration idleTimeout(ConfigKey key) throws ConfigException {
        Duration timeout = raw.duration(key, SocketsConfig.DEFAULT_IDLE_TIMEOUT);
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw ConfigException.invalid(raw.label(key), DurationValue.format(timeout), "must be between 100ms and 1h");
        }
        return timeout;
    }
}
