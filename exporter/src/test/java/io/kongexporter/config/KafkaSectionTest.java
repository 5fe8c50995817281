package io.kongexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ingest.kafka}: off without brokers, a broker needs a topic, TLS and SASL need all their parts, secrets never shown. */
class KafkaSectionTest {
    private static final String BROKER = "--ingest.kafka.bootstrap_servers=kafka-1:9092,kafka-2:9092";

    @Test
    void kafka_is_off_without_bootstrap_servers() throws Exception {
        assertThat(ConfigLoader.load(Map.of(), CommandLine.parse()).kafka().enabled()).isFalse();
    }

    @Test
    void brokers_without_a_topic_are_a_config_error_naming_the_topics_key() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse(BROKER)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.kafka.topics");
    }

    @Test
    void a_broker_that_is_not_host_and_port_is_a_config_error() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--ingest.kafka.bootstrap_servers=http://kafka", "--ingest.kafka.topics=t")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.kafka.bootstrap_servers");
    }

    @Test
    void a_client_certificate_without_its_key_is_a_config_error() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse(BROKER, "--ingest.kafka.topics=t", "--ingest.kafka.tls.cert_file=/c.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.kafka.tls.key_file");
    }

    @Test
    void sasl_without_a_password_is_a_config_error() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse(BROKER, "--ingest.kafka.topics=t",
                "--ingest.kafka.sasl.mechanism=SCRAM-SHA-512", "--ingest.kafka.sasl.username=kong")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.kafka.sasl.password");
    }

    @Test
    void the_sasl_password_comes_from_the_environment_and_is_never_printed() throws Exception {
        KafkaConfig kafka = ConfigLoader.load(Map.of("KAFKA_PW", "s3cret"), CommandLine.parse(BROKER, "--ingest.kafka.topics=kong-log",
                "--ingest.kafka.sasl.mechanism=SCRAM-SHA-256", "--ingest.kafka.sasl.username=kong", "--ingest.kafka.sasl.password=${KAFKA_PW}")).kafka();
        assertThat(kafka.sasl()).hasValueSatisfying(sasl -> assertThat(sasl.password()).isEqualTo("s3cret"));
        assertThat(kafka.toString()).doesNotContain("s3cret");
        assertThat(kafka.bootstrapServers()).containsExactly("kafka-1:9092", "kafka-2:9092");
        assertThat(kafka.commit()).isEqualTo(KafkaConfig.Commit.SCRAPED);
    }

    @Test
    void an_unknown_sasl_mechanism_is_a_config_error_listing_the_known_ones() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse(BROKER, "--ingest.kafka.topics=t", "--ingest.kafka.sasl.mechanism=GSSAPI",
                "--ingest.kafka.sasl.username=u", "--ingest.kafka.sasl.password=p")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SCRAM-SHA-512");
    }

    @Test
    void a_live_topic_without_kafka_brokers_is_a_config_error_naming_the_brokers_key() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--live.kafka_topic=kong-live")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.kafka.bootstrap_servers").hasMessageContaining("live.kafka_topic");
    }

    @Test
    void the_live_topic_must_not_be_one_of_the_log_topics() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse(BROKER, "--ingest.kafka.topics=kong-log", "--live.kafka_topic=kong-log")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("live.kafka_topic");
    }

    @Test
    void the_live_topic_is_read_beside_the_brokers() throws Exception {
        assertThat(ConfigLoader.load(Map.of(), CommandLine.parse(BROKER, "--ingest.kafka.topics=kong-log", "--live.kafka_topic=kong-live"))
                .live().kafkaTopic()).contains("kong-live");
        assertThat(ConfigLoader.load(Map.of(), CommandLine.parse()).live().kafkaTopic()).isEmpty();
    }
}
