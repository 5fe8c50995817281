package io.kongexporter.sockets;

import io.kongexporter.config.ConfigKey;
import io.kongexporter.config.ListenAddress;
import io.kongexporter.core.Component;
import io.kongexporter.core.ConfigChange;
import io.kongexporter.core.RunningConfig;
import io.kongexporter.ingest.EntryPipeline;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's udp-log plugin as a transport ({@code ingest.udp.listen}; off when unset): one JSON entry a datagram, as
 * udp-log sends it ({@code sock:send(cjson.encode(kong.log.serialize()))}, kong/plugins/udp-log/handler.lua). A
 * datagram over {@code ingest.udp.max_message} is counted {@code cut}. The address needs a restart; the limit
 * applies live.
 */
public final class UdpLogFeature implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(UdpLogFeature.class);

    private final RunningConfig config;
    private final EntryPipeline pipeline;
    private MessageIntake intake;
    private DatagramServer server;

    public UdpLogFeature(RunningConfig config, EntryPipeline pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    @Override
    public void register(PrometheusRegistry registry) {
        if (config.get().sockets().udp().listen().isPresent()) {
            TransportMetrics metrics = TransportMetrics.datagrams(registry, "udp", "udp-log datagrams",
                    EnumSet.of(MessageResult.ACCEPTED, MessageResult.CUT, MessageResult.UNPARSABLE));
            intake = new MessageIntake(pipeline, metrics, LOG, "udp-log datagrams");
        }
    }

    @Override
    public void start() {
        if (config.get().sockets().udp().listen().isEmpty()) {
            return;
        }
        ListenAddress listen = config.get().sockets().udp().listen().get();
        try {
            server = new DatagramServer("udp-log", new InetSocketAddress(listen.host(), listen.port()),
                    () -> config.get().sockets().udp().maxMessage(), this::receive);
        } catch (SocketException e) {
            throw new UncheckedIOException("ingest.udp.listen " + listen + ": " + e.getMessage(), e);
        }
        server.start();
        LOG.info("udp-log listener on {}:{}", listen.host(), server.port());
    }

    private void receive(byte[] bytes, int length, boolean cut) {
        if (cut) {
            intake.reject(MessageResult.CUT, "datagrams over ingest.udp.max_message (cut)");
        } else if (!LineConnection.blank(bytes, 0, length)) {
            intake.deliver(bytes, 0, length);
        } else {
            intake.reject(MessageResult.UNPARSABLE, "empty datagrams");
        }
    }

    @Override
    public Set<ConfigKey> apply(ConfigChange change) {
        return change.changedOf(ConfigKey.INGEST_UDP_LISTEN);
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
