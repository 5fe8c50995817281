package io.kongexporter.config;

import java.util.List;

/**
 * The value of every configuration key in a loaded configuration, so a reload can tell which keys changed. The
 * switch has no default: a new key does not compile until it is mapped here.
 */
public final class ConfigValues {
    private ConfigValues() {}

    public static Object of(ExporterConfig c, ConfigKey key) {
        return switch (key) {
            case LISTEN -> c.listen();
            case WEB_CONFIG_FILE -> c.web();
            case KONG_NODES -> c.kong().nodes();
            case KONG_POLL_INTERVAL -> c.kong().pollInterval();
            case KONG_TIMEOUT -> c.kong().timeout();
            case KONG_HEARTBEAT_WINDOW -> c.kong().heartbeatWindow();
            case KONG_UPSTREAM_HEALTH -> c.kong().upstreamHealth();
            case KONG_CERTIFICATES -> c.kong().certificates();
            case KONG_PROBE_TARGETS -> c.kong().probeTargets().stream().map(t -> List.of(t.host().pattern(), t.ports(), t.scheme())).toList();
            case INGEST_PATH -> c.ingest().path();
            case INGEST_TOKEN, INGEST_TOKEN_FILE -> c.ingest().token();
            case INGEST_BASIC_AUTH, INGEST_BASIC_AUTH_FILE -> c.ingest().basicAuth();
            case INGEST_MAX_BODY -> c.ingest().maxBodyBytes();
            case INGEST_EXTRA_LABELS -> c.ingest().extraLabels();
            case INGEST_DEDUPE_WINDOW -> c.ingest().dedupeWindow();
            case INGEST_DEDUPE_MAX_IDS -> c.ingest().dedupeMaxIds();
            case INGEST_READ_TIMEOUT -> c.ingest().readTimeout();
            case INGEST_KAFKA_BOOTSTRAP_SERVERS -> c.kafka().bootstrapServers();
            case INGEST_KAFKA_TOPICS -> c.kafka().topics();
            case INGEST_KAFKA_GROUP_ID -> c.kafka().groupId();
            case INGEST_KAFKA_CLIENT_ID -> c.kafka().clientId();
            case INGEST_KAFKA_START_FROM -> c.kafka().startFrom();
            case INGEST_KAFKA_COMMIT -> c.kafka().commit();
            case INGEST_KAFKA_SESSION_TIMEOUT -> c.kafka().sessionTimeout();
            case INGEST_KAFKA_TLS_CA_FILE -> c.kafka().tls().caFile();
            case INGEST_KAFKA_TLS_CERT_FILE -> c.kafka().tls().certFile();
            case INGEST_KAFKA_TLS_KEY_FILE -> c.kafka().tls().keyFile();
            case INGEST_KAFKA_SASL_MECHANISM -> c.kafka().sasl().map(KafkaConfig.Sasl::mechanism);
            case INGEST_KAFKA_SASL_USERNAME -> c.kafka().sasl().map(KafkaConfig.Sasl::username);
            case INGEST_KAFKA_SASL_PASSWORD, INGEST_KAFKA_SASL_PASSWORD_FILE -> c.kafka().sasl().map(KafkaConfig.Sasl::password);
            case INGEST_TCP_LISTEN -> c.sockets().tcp().listen();
            case INGEST_TCP_TLS_CERT_FILE -> c.sockets().tcp().certFile();
            case INGEST_TCP_TLS_KEY_FILE -> c.sockets().tcp().keyFile();
            case INGEST_TCP_MAX_LINE -> c.sockets().tcp().maxLine();
            case INGEST_TCP_MAX_CONNECTIONS -> c.sockets().tcp().maxConnections();
            case INGEST_TCP_IDLE_TIMEOUT -> c.sockets().tcp().idleTimeout();
            case INGEST_UDP_LISTEN -> c.sockets().udp().listen();
            case INGEST_UDP_MAX_MESSAGE -> c.sockets().udp().maxMessage();
            case INGEST_SYSLOG_LISTEN -> c.sockets().syslog().listen();
            case INGEST_SYSLOG_MAX_MESSAGE -> c.sockets().syslog().maxMessage();
            case INGEST_SYSLOG_MAX_CONNECTIONS -> c.sockets().syslog().maxConnections();
            case INGEST_SYSLOG_IDLE_TIMEOUT -> c.sockets().syslog().idleTimeout();
            case METRICS_NAMING -> c.metrics().naming();
            case METRICS_CONSUMER_LABEL -> c.metrics().consumerLabel();
            case METRICS_PER_CONSUMER -> c.metrics().perConsumer();
            case METRICS_LATENCY_BUCKETS -> c.metrics().latencyBucketsSeconds();
            case METRICS_MAX_SERIES -> c.metrics().maxSeries();
            case METRICS_MAX_LABEL_VALUES -> c.metrics().maxLabelValues();
            case METRICS_MAX_LABEL_LENGTH -> c.metrics().maxLabelLength();
            case METRICS_SERIES_TTL -> c.metrics().seriesTtl();
            case METRICS_MAX_SAMPLES -> c.metrics().maxSamples();
            case METRICS_LATENCY_LABELS -> c.metrics().latencyLabels();
            case LOG_LEVEL -> c.log().level();
            case LOG_FORMAT -> c.log().format();
            case LIVE_MAX_CLIENTS -> c.live().maxClients();
            case LIVE_STREAM_PATHS -> c.live().streamPaths();
            case LIVE_KAFKA_TOPIC -> c.live().kafkaTopic();
        };
    }
}
