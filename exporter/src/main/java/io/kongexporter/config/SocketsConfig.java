package io.kongexporter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Kong's other log transports: {@code ingest.tcp} (tcp-log), {@code ingest.udp} (udp-log) and {@code ingest.syslog}
 * (the syslog plugin's output as rsyslog or syslog-ng forward it). Each is off while its {@code listen} is unset.
 */
public record SocketsConfig(Tcp tcp, Udp udp, Syslog syslog) {
    /** Kong's tcp-log keeps an idle connection 60 s ({@code keepalive}, kong/plugins/tcp-log/schema.lua): close later than that. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);
    public static final int DEFAULT_MAX_LINE = 256 << 10;
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** Larger than any UDP datagram (65,507 bytes of payload over IPv4): nothing is cut by default. */
    public static final int DEFAULT_MAX_DATAGRAM = 64 << 10;

    /**
     * tcp-log: one JSON entry a line over kept-alive connections.
     *
     * @param certFile with {@code keyFile}: the listener speaks TLS (tcp-log's {@code tls: true})
     * @param maxLine a longer line is counted {@code too_large} and its connection closed
     * @param idleTimeout a connection that sends nothing this long is closed
     */
    public record Tcp(Optional<ListenAddress> listen, Optional<Path> certFile, Optional<Path> keyFile, int maxLine, int maxConnections,
                      Duration idleTimeout) {}

    /** udp-log: one JSON entry a datagram; a datagram longer than {@code maxMessage} is counted {@code cut}. */
    public record Udp(Optional<ListenAddress> listen, int maxMessage) {}

    /** Syslog over UDP and TCP on one address; TCP frames by octet counting or newline (RFC 6587). */
    public record Syslog(Optional<ListenAddress> listen, int maxMessage, int maxConnections, Duration idleTimeout) {}

    public static SocketsConfig defaults() {
        return new SocketsConfig(new Tcp(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_MAX_LINE, DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT),
                new Udp(Optional.empty(), DEFAULT_MAX_DATAGRAM),
                new Syslog(Optional.empty(), DEFAULT_MAX_DATAGRAM, DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT));
    }
}
