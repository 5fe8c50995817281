package io.kongexporter.sockets;

import io.kongexporter.config.ConfigKey;
import io.kongexporter.config.ListenAddress;
import io.kongexporter.config.SocketsConfig;
import io.kongexporter.core.Component;
import io.kongexporter.core.ConfigChange;
import io.kongexporter.core.RunningConfig;
import io.kongexporter.ingest.EntryPipeline;
import io.kongexporter.tls.Pem;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.Set;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's tcp-log plugin as a transport ({@code ingest.tcp.listen}; off when unset): newline-delimited JSON over
 * kept-alive connections, TLS when {@code ingest.tcp.tls.*} is set. The address and the TLS files need a restart;
 * the limits apply live.
 */
public final class TcpLogFeature implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(TcpLogFeature.class);

    private final RunningConfig config;
    private final EntryPipeline pipeline;
    private MessageIntake intake;
    private StreamServer server;

    public TcpLogFeature(RunningConfig config, EntryPipeline pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    @Override
    public void register(PrometheusRegistry registry) {
        if (config.get().sockets().tcp().listen().isPresent()) {
            TransportMetrics metrics = TransportMetrics.streams(registry, "tcp", "tcp-log lines",
                    EnumSet.of(MessageResult.ACCEPTED, MessageResult.TOO_LARGE, MessageResult.UNPARSABLE));
            intake = new MessageIntake(pipeline, metrics, LOG, "tcp-log lines");
        }
    }

    @Override
    public void start() {
        SocketsConfig.Tcp tcp = config.get().sockets().tcp();
        if (tcp.listen().isEmpty()) {
            return;
        }
        ListenAddress listen = tcp.listen().get();
        try {
            server = new StreamServer("tcp-log", factory(tcp), new InetSocketAddress(listen.host(), listen.port()), intake.metrics(),
                    () -> config.get().sockets().tcp().maxConnections(), new LineConnection(config, intake));
        } catch (IOException | GeneralSecurityException e) {
            throw new UncheckedIOException("ingest.tcp.listen " + listen + ": " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
        }
        server.start();
        LOG.info("tcp-log listener on {}{}", listen.host() + ":" + server.port(), tcp.certFile().isPresent() ? " (TLS)" : "");
    }

    /** The bound port (useful when {@code ingest.tcp.listen} asked for port 0); -1 when off. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    private static ServerSocketFactory factory(SocketsConfig.Tcp tcp) throws IOException, GeneralSecurityException {
        if (tcp.certFile().isEmpty() || tcp.keyFile().isEmpty()) {
            return ServerSocketFactory.getDefault();
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(Pem.keyStore(tcp.certFile().get(), tcp.keyFile().get()), Pem.STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context.getServerSocketFactory();
    }

    @Override
    public Set<ConfigKey> apply(ConfigChange change) {
        return change.changedOf(ConfigKey.INGEST_TCP_LISTEN, ConfigKey.INGEST_TCP_TLS_CERT_FILE, ConfigKey.INGEST_TCP_TLS_KEY_FILE);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (intake != null) {
            intake.flush();
        }
    }
}
