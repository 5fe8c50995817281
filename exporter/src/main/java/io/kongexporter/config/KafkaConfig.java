package io.kongexporter.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ingest.kafka:} section: the brokers, topics and consumer group Kong's kafka-log entries are read from,
 * how offsets are committed, and the connection's security. Off (no consumer) when no broker is given.
 *
 * @param bootstrapServers {@code host:port} of some brokers; empty: Kafka ingestion is off
 * @param topics the topics the kafka-log plugin writes to
 * @param groupId the consumer group every replica joins; they split the partitions
 * @param clientId the client id brokers log and apply quotas by
 * @param startFrom where a group without committed offsets starts
 * @param commit when an offset is committed: once a scrape exposed the entries of its records, or once recorded
 * @param sessionTimeout a replica silent this long is taken out of the group and its partitions handed on
 * @param tls TLS to the brokers (on when a CA or client certificate is given)
 * @param sasl SASL authentication, when configured
 */
public record KafkaConfig(List<String> bootstrapServers, List<String> topics, String groupId, String clientId, StartFrom startFrom, Commit commit,
                          Duration sessionTimeout, Tls tls, Optional<Sasl> sasl) {
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);

    /** {@code ingest.kafka.start_from}: Kafka's {@code auto.offset.reset}. */
    public enum StartFrom {
        LATEST, EARLIEST;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code ingest.kafka.commit}: when the offset of a record is committed. */
    public enum Commit {
        /** Once a {@code /metrics} scrape exposed the entries of the record: a killed replica loses nothing counted. */
        SCRAPED,
        /** Once the record's entries are counted: a killed replica loses what it counted since the last scrape. */
        RECORDED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code ingest.kafka.sasl.mechanism}. */
    public enum Mechanism {
        PLAIN("PLAIN"), SCRAM_SHA_256("SCRAM-SHA-256"), SCRAM_SHA_512("SCRAM-SHA-512");

        private final String value;

        Mechanism(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** PEM files; TLS is on when any is given. */
    public record Tls(Optional<String> caFile, Optional<String> certFile, Optional<String> keyFile) {
        public boolean enabled() {
            return caFile.isPresent() || certFile.isPresent();
        }
    }

    /** SASL credentials; the password is never printed. */
    public record Sasl(Mechanism mechanism, String username, String password) {
        @Override
        public String toString() {
            return "Sasl[mechanism=" + mechanism.value() + ", username=" + username + ", password=<set>]";
        }
    }

    public KafkaConfig {
        bootstrapServers = List.copyOf(bootstrapServers);
        topics = List.copyOf(topics);
    }

    public static KafkaConfig off() {
        return new KafkaConfig(List.of(), List.of(), "kong-exporter", "kong-exporter", StartFrom.LATEST, Commit.SCRAPED, DEFAULT_SESSION_TIMEOUT,
                new Tls(Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
    }

    public boolean enabled() {
        return !bootstrapServers.isEmpty();
    }
}
