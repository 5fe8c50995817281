package io.kongexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code KONG_EXPORTER_*} variables: Kubernetes injects service links for a Service named {@code kong-exporter}
 * into every pod of the namespace ({@code <SVC>_SERVICE_HOST}, {@code <SVC>_PORT_<port>_TCP_ADDR}, ...; see
 * kubernetes/kubernetes pkg/kubelet/envvars/envvars.go); those are ignored, real typos stay errors.
 */
class EnvironmentVariablesTest {

    @Test
    void kubernetes_service_link_variables_for_a_service_named_kong_exporter_are_ignored() throws Exception {
        Map<String, String> env = Map.of(
                "KONG_EXPORTER_SERVICE_HOST", "10.96.12.7",
                "KONG_EXPORTER_SERVICE_PORT", "9542",
                "KONG_EXPORTER_SERVICE_PORT_METRICS", "9542",
                "KONG_EXPORTER_SERVICE_PORT_HTTP_LOG", "9542",
                "KONG_EXPORTER_PORT", "tcp://10.96.12.7:9542",
                "KONG_EXPORTER_PORT_9542_TCP", "tcp://10.96.12.7:9542",
                "KONG_EXPORTER_PORT_9542_TCP_PROTO", "tcp",
                "KONG_EXPORTER_PORT_9542_TCP_PORT", "9542",
                "KONG_EXPORTER_PORT_9542_TCP_ADDR", "10.96.12.7",
                "KONG_EXPORTER_PORT_9543_UDP_ADDR", "fd00::7");
        assertThat(ConfigLoader.load(env, CommandLine.parse()).listen().port()).isEqualTo(9542);
    }

    @Test
    void a_typo_stays_an_error_and_gets_a_suggestion() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("KONG_EXPORTER_KONG_POLL_INTERVALL", "5s"), CommandLine.parse()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KONG_EXPORTER_KONG_POLL_INTERVALL").hasMessageContaining("did you mean 'KONG_EXPORTER_KONG_POLL_INTERVAL'");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("KONG_EXPORTER_SERVICE_HOSTNAME", "x"), CommandLine.parse()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("KONG_EXPORTER_SERVICE_HOSTNAME");
    }

    @Test
    void a_service_link_name_with_a_value_kubernetes_would_never_set_is_an_error() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("KONG_EXPORTER_PORT", "9100"), CommandLine.parse()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("KONG_EXPORTER_PORT").hasMessageContaining("KONG_EXPORTER_LISTEN");
    }
}
