package io.kongexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaults_apply_when_nothing_is_configured() throws Exception {
        ExporterConfig config = ConfigLoader.load(Map.of(), CommandLine.parse());
        assertThat(config.listen()).isEqualTo(new ListenAddress("0.0.0.0", 9542));
        assertThat(config.kong().nodes()).isEmpty();
        assertThat(config.kong().pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.kong().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.kong().heartbeatWindow()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.kong().upstreamHealth()).isFalse();
    }

    @Test
    void reads_every_documented_key_from_the_file() throws Exception {
        Path file = write("""
                listen: 127.0.0.1:9100
                kong:
                  nodes:
                    - url: http://127.0.0.1:8001   # Admin API
                      name: kong-1
                    - url: https://kong-2.internal:8444/
                  poll_interval: 10s
                  timeout: 1500ms
                  heartbeat_window: 1m
                  upstream_health: true
                """);
        ExporterConfig config = ConfigLoader.load(Map.of(), CommandLine.parse("--config", file.toString()));
        assertThat(config.listen()).isEqualTo(new ListenAddress("127.0.0.1", 9100));
        assertThat(config.kong().nodes()).containsExactly(
                new NodeConfig("kong-1", URI.create("http://127.0.0.1:8001")),
                new NodeConfig("kong-2.internal:8444", URI.create("https://kong-2.internal:8444/")));
        assertThat(config.kong().pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.kong().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.kong().heartbeatWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.kong().upstreamHealth()).isTrue();
    }

    @Test
    void environment_overrides_the_file_and_flags_override_the_environment() throws Exception {
        Path file = write("""
                listen: 127.0.0.1:9100
                kong:
                  poll_interval: 10s
                """);
        Map<String, String> env = Map.of(
                "KONG_EXPORTER_LISTEN", ":9200",
                "KONG_EXPORTER_KONG_POLL_INTERVAL", "7s",
                "KONG_EXPORTER_KONG_NODES", "kong-1=http://10.0.0.5:8001,kong-2=http://10.0.0.6:8001, http://10.0.0.7:8100");
        ExporterConfig fromEnv = ConfigLoader.load(env, CommandLine.parse("--config", file.toString()));
        assertThat(fromEnv.listen()).isEqualTo(new ListenAddress("0.0.0.0", 9200));
        assertThat(fromEnv.kong().pollInterval()).isEqualTo(Duration.ofSeconds(7));
        assertThat(fromEnv.kong().nodes()).extracting(NodeConfig::name).containsExactly("kong-1", "kong-2", "10.0.0.7:8100");

        ExporterConfig fromFlags = ConfigLoader.load(env, CommandLine.parse("--config=" + file, "--kong.poll_interval=3s", "--web.listen-address", ":9300"));
        assertThat(fromFlags.kong().pollInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fromFlags.listen().port()).isEqualTo(9300);
    }

    @Test
    void unknown_key_in_the_file_is_named_in_the_error() throws Exception {
        Path file = write("""
                kong:
                  pol_interval: 5s
                """);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--config", file.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'kong.pol_interval'");
    }

    @Test
    void unknown_node_key_and_unknown_environment_variable_are_errors() throws Exception {
        Path file = write("""
                kong:
                  nodes:
                    - url: http://k:8001
                      nmae: typo
                """);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--config", file.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kong.nodes[0].nmae");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("KONG_EXPORTER_KONG_POLLINTERVAL", "5s"), CommandLine.parse()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("KONG_EXPORTER_KONG_POLLINTERVAL");
    }

    @Test
    void bad_values_are_named_with_key_and_value() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("KONG_EXPORTER_KONG_TIMEOUT", "soon"), CommandLine.parse()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kong.timeout").hasMessageContaining("soon").hasMessageContaining("KONG_EXPORTER_KONG_TIMEOUT");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--listen=localhost:99999")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listen").hasMessageContaining("99999");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--kong.nodes=ftp://kong:21")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kong.nodes").hasMessageContaining("ftp://kong:21");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--kong.upstream_health=maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kong.upstream_health").hasMessageContaining("maybe");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--kong.timeout=10s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kong.timeout").hasMessageContaining("poll_interval");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--kong.nodes=a=http://x:1,a=http://y:1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unique");
    }

    @Test
    void unknown_flags_and_invalid_yaml_are_errors() throws IOException {
        assertThatThrownBy(() -> CommandLine.parse("--kong.pol=1s")).isInstanceOf(ConfigException.class).hasMessageContaining("--kong.pol");
        Path file = write("kong: [unclosed");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--config", file.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("kong-exporter.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
