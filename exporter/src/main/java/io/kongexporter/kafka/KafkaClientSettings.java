package io.kongexporter.kafka;

import io.kongexporter.config.KafkaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumer's settings from {@code ingest.kafka}: raw bytes (the pipeline parses them), no auto-commit (offsets
 * are committed by {@link ConsumerLoop} when their entries were scraped or recorded), the group's session timeout,
 * TLS from PEM files and SASL PLAIN/SCRAM.
 */
final class KafkaClientSettings {
    private KafkaClientSettings() {}

    static Properties consumer(KafkaConfig config) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.bootstrapServers()));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.clientId());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.startFrom().value());
        long session = config.sessionTimeout().toMillis();
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(session));
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(100, session / 3)));
        // a broker that went away is asked again at most every 2 s, so consumption resumes soon after it is back
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        boolean tls = config.tls().enabled();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                config.sasl().isPresent() ? (tls ? "SASL_SSL" : "SASL_PLAINTEXT") : (tls ? "SSL" : "PLAINTEXT"));
        if (tls) {
            config.tls().caFile().ifPresent(ca -> {
                props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
                props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, ca);
            });
            if (config.tls().certFile().isPresent()) {
                props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
                props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, read(config.tls().certFile().get()));
                props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, read(config.tls().keyFile().orElseThrow()));
            }
        }
        config.sasl().ifPresent(sasl -> {
            props.put(SaslConfigs.SASL_MECHANISM, sasl.mechanism().value());
            String module = sasl.mechanism() == KafkaConfig.Mechanism.PLAIN ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            props.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + quoted(sasl.username()) + "\" password=\""
                    + quoted(sasl.password()) + "\";");
        });
        return props;
    }

    /** A JAAS string value: backslash and double quote escaped. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
