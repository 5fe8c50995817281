package io.kongexporter.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Builds the {@code ingest.kafka:} section; a broker without a topic, half a client certificate or SASL without its credentials is an error. */
final class KafkaSectionReader {
    private final RawValues raw;
    private final SecretReader secrets;

    KafkaSectionReader(RawValues raw, SecretReader secrets) {
        this.raw = raw;
        this.secrets = secrets;
    }

    KafkaConfig read() throws ConfigException {
        KafkaConfig defaults = KafkaConfig.off();
        List<String> servers = raw.list(ConfigKey.INGEST_KAFKA_BOOTSTRAP_SERVERS);
        for (String server : servers) {
            if (!server.matches("[^\\s:/]+:\\d{1,5}|\\[[0-9a-fA-F:.]+]:\\d{1,5}")) {
                throw ConfigException.invalid(raw.label(ConfigKey.INGEST_KAFKA_BOOTSTRAP_SERVERS), server, "expected host:port, e.g. kafka-1:9092");
            }
        }
        List<String> topics = raw.list(ConfigKey.INGEST_KAFKA_TOPICS);
        for (String topic : topics) {
            if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
                throw ConfigException.invalid(raw.label(ConfigKey.INGEST_KAFKA_TOPICS), topic, "a Kafka topic name: letters, digits, . _ -");
            }
        }
        if (!servers.isEmpty() && topics.isEmpty()) {
            throw new ConfigException("set " + raw.label(ConfigKey.INGEST_KAFKA_TOPICS) + " too: the topics Kong's kafka-log plugin writes to");
        }
        String groupId = nonBlank(ConfigKey.INGEST_KAFKA_GROUP_ID, defaults.groupId());
        String clientId = nonBlank(ConfigKey.INGEST_KAFKA_CLIENT_ID, defaults.clientId());
        KafkaConfig.StartFrom startFrom = raw.choice(ConfigKey.INGEST_KAFKA_START_FROM, KafkaConfig.StartFrom.values(), KafkaConfig.StartFrom::value,
                defaults.startFrom());
        KafkaConfig.Commit commit = raw.choice(ConfigKey.INGEST_KAFKA_COMMIT, KafkaConfig.Commit.values(), KafkaConfig.Commit::value, defaults.commit());
        Duration session = raw.duration(ConfigKey.INGEST_KAFKA_SESSION_TIMEOUT, KafkaConfig.DEFAULT_SESSION_TIMEOUT);
        if (session.compareTo(Duration.ofSeconds(1)) < 0 || session.compareTo(Duration.ofMinutes(30)) > 0) {
            throw ConfigException.invalid(raw.label(ConfigKey.INGEST_KAFKA_SESSION_TIMEOUT), DurationValue.format(session), "must be between 1s and 30m");
        }
        return new KafkaConfig(servers, topics, groupId, clientId, startFrom, commit, session, tls(), sasl());
    }

    private String nonBlank(ConfigKey key, String fallback) throws ConfigException {
        String value = raw.string(key, fallback).trim();
        if (value.isEmpty()) {
            throw ConfigException.invalid(raw.label(key), value, "must not be empty");
        }
        return value;
    }

    private KafkaConfig.Tls tls() throws ConfigException {
        Optional<String> ca = raw.optional(ConfigKey.INGEST_KAFKA_TLS_CA_FILE).map(String::trim);
        Optional<String> cert = raw.optional(ConfigKey.INGEST_KAFKA_TLS_CERT_FILE).map(String::trim);
        Optional<String> key = raw.optional(ConfigKey.INGEST_KAFKA_TLS_KEY_FILE).map(String::trim);
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException("set both " + raw.label(ConfigKey.INGEST_KAFKA_TLS_CERT_FILE) + " and "
                    + raw.label(ConfigKey.INGEST_KAFKA_TLS_KEY_FILE) + " for a client certificate, or neither");
        }
        return new KafkaConfig.Tls(ca, cert, key);
    }

    private Optional<KafkaConfig.Sasl> sasl() throws ConfigException {
        Optional<String> username = raw.optional(ConfigKey.INGEST_KAFKA_SASL_USERNAME);
        Optional<String> password = secrets.of(raw, ConfigKey.INGEST_KAFKA_SASL_PASSWORD, ConfigKey.INGEST_KAFKA_SASL_PASSWORD_FILE);
        if (!raw.contains(ConfigKey.INGEST_KAFKA_SASL_MECHANISM)) {
            if (username.isPresent() || password.isPresent()) {
                throw new ConfigException("set " + raw.label(ConfigKey.INGEST_KAFKA_SASL_MECHANISM) + " (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512) with a SASL user name or password");
            }
            return Optional.empty();
        }
        KafkaConfig.Mechanism mechanism = raw.choice(ConfigKey.INGEST_KAFKA_SASL_MECHANISM, KafkaConfig.Mechanism.values(), KafkaConfig.Mechanism::value, null);
        if (username.isEmpty() || password.isEmpty()) {
            throw new ConfigException("SASL " + mechanism.value() + " needs " + raw.label(ConfigKey.INGEST_KAFKA_SASL_USERNAME) + " and "
                    + raw.label(ConfigKey.INGEST_KAFKA_SASL_PASSWORD) + " (or its _file)");
        }
        return Optional.of(new KafkaConfig.Sasl(mechanism, username.get().trim(), password.get()));
    }
}
