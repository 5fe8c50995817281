package io.kongexporter.sockets;

import io.kongexporter.config.ConfigKey;
import io.kongexporter.config.ListenAddress;
import io.kongexporter.core.Component;
import io.kongexporter.core.ConfigChange;
import io.kongexporter.core.RunningConfig;
import io.kongexporter.ingest.EntryPipeline;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Set;
import javax.net.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog as a transport ({@code ingest.syslog.listen}; off when unset), UDP and TCP on the same address: what
 * rsyslog or syslog-ng forward of Kong's syslog plugin, whose MSG is the serialized entry
 * ({@code lsyslog.log(LOG_LEVELS[severity], cjson.encode(message))}, kong/plugins/syslog/handler.lua). The address
 * needs a restart; the limits apply live.
 */
public final class SyslogFeature implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogFeature.class);

    private final RunningConfig config;
    private final EntryPipeline pipeline;
    private MessageIntake intake;
    private StreamServer tcp;
    private DatagramServer udp;

    public SyslogFeature(RunningConfig config, EntryPipeline pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    @Override
    public void register(PrometheusRegistry registry) {
        if (config.get().sockets().syslog().listen().isPresent()) {
            TransportMetrics metrics = TransportMetrics.streams(registry, "syslog", "syslog messages (UDP and TCP)", EnumSet.allOf(MessageResult.class));
            intake = new MessageIntake(pipeline, metrics, LOG, "syslog messages");
        }
    }

    @Override
    public void start() {
        if (config.get().sockets().syslog().listen().isEmpty()) {
            return;
        }
        ListenAddress listen = config.get().sockets().syslog().listen().get();
        SyslogIntake syslog = new SyslogIntake(intake);
        try {
            tcp = new StreamServer("syslog", ServerSocketFactory.getDefault(), new InetSocketAddress(listen.host(), listen.port()), intake.metrics(),
                    () -> config.get().sockets().syslog().maxConnections(), new SyslogConnection(config, syslog));
            udp = new DatagramServer("syslog", new InetSocketAddress(listen.host(), tcp.port()), () -> config.get().sockets().syslog().maxMessage(),
                    (bytes, length, cut) -> {
                        if (cut) {
                            syslog.reject(MessageResult.CUT, "datagrams over ingest.syslog.max_message (cut)");
                        } else {
                            syslog.message(bytes, 0, length);
                        }
                    });
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("ingest.syslog.listen " + listen + ": " + e.getMessage(), e);
        }
        tcp.start();
        udp.start();
        LOG.info("syslog listener on {}:{} (UDP and TCP)", listen.host(), tcp.port());
    }

    @Override
    public Set<ConfigKey> apply(ConfigChange change) {
        return change.changedOf(ConfigKey.INGEST_SYSLOG_LISTEN);
    }

    @Override
    public void close() {
        if (tcp != null) {
            tcp.close();
        }
        if (udp != null) {
            udp.close();
        }
        if (intake != null) {
            intake.flush();
        }
    }
}
