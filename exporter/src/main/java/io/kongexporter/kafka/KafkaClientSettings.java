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
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The consumer's settings from {@code ingest.kafka}: raw bytes (the pipeline parses them), no auto-commit (offsets
 * are committed by {@link ConsumerLoop} when their entries were scraped or recorded), the group's session timeout,
 * TLS from PEM files and SASL PLAIN/SCRAM; and the live topic's reader and writer on the same brokers and security.
 */
final class KafkaClientSettings {
    private KafkaClientSettings() {}

    static Properties consumer(KafkaConfig config) {
        Properties props = connection(config, config.clientId());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.startFrom().value());
        long session = config.sessionTimeout().toMillis();
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(session));
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(100, session / 3)));
        return props;
    }

    /** The live topic's reader: no group (it assigns itself every partition and commits nothing), from the end. */
    static Properties liveReader(KafkaConfig config) {
        Properties props = connection(config, config.clientId() + "-live");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(1 << 20));
        return props;
    }

    /**
     * The live topic's producer: a share is worth a second, so no retries beyond a few seconds, a small buffer, and
     * never blocking the sender for long.
     */
    static Properties liveWriter(KafkaConfig config) {
        Properties props = connection(config, config.clientId() + "-live");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(4 << 20));
        return props;
    }

    /** Brokers, client id, reconnect backoff, TLS and SASL: what every client of {@code ingest.kafka} shares. */
    private static Properties connection(KafkaConfig config, String clientId) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.bootstrapServers()));
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
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
