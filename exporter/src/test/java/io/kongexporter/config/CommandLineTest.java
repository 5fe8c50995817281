package io.kongexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags: repeated, boolean, short forms, help generated from the keys, suggestions for typos (flags, env, YAML). */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void a_repeated_scalar_flag_is_an_error_that_names_it() {
        assertThatThrownBy(() -> CommandLine.parse("--kong.poll_interval=5s", "--kong.poll_interval=10s"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--kong.poll_interval").hasMessageContaining("more than once");
        assertThatThrownBy(() -> CommandLine.parse("--config", "a.yml", "--config=b.yml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--config");
        assertThatThrownBy(() -> CommandLine.parse("--listen=:1", "--web.listen-address=:2"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listen");
    }

    @Test
    void a_repeated_list_flag_adds_to_the_list() throws Exception {
        ExporterConfig config = ConfigLoader.load(Map.of(), CommandLine.parse(
                "--kong.nodes=a=http://10.0.0.5:8001", "--kong.nodes", "b=http://10.0.0.6:8001,c=http://10.0.0.7:8001"));
        assertThat(config.kong().nodes()).extracting(NodeConfig::name).containsExactly("a", "b", "c");
        assertThat(ConfigLoader.load(Map.of(), CommandLine.parse("--ingest.extra_labels=tenant", "--ingest.extra_labels=region"))
                .ingest().extraLabels()).containsExactly("tenant", "region");
    }

    @Test
    void a_bare_boolean_flag_is_true_and_leaves_the_next_flag_alone() throws Exception {
        CommandLine line = CommandLine.parse("--kong.upstream_health", "--config.check");
        assertThat(line.configCheck()).isTrue();
        assertThat(ConfigLoader.load(Map.of(), line).kong().upstreamHealth()).isTrue();
        assertThat(ConfigLoader.load(Map.of(), CommandLine.parse("--kong.upstream_health", "false")).kong().upstreamHealth()).isFalse();
        assertThat(ConfigLoader.load(Map.of(), CommandLine.parse("--kong.upstream_health=false", "--demo")).kong().upstreamHealth()).isFalse();
    }

    @Test
    void short_help_and_version_flags_work() throws Exception {
        assertThat(CommandLine.parse("-h").help()).isTrue();
        assertThat(CommandLine.parse("-v").version()).isTrue();
    }

    @Test
    void help_lists_every_key_with_its_environment_variable_and_default() {
        String help = CommandLine.helpText();
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(help).contains(key.flag()).contains(key.envName());
        }
        assertThat(help).containsPattern("--kong.poll_interval\\s+KONG_EXPORTER_KONG_POLL_INTERVAL\\s+5s")
                .containsPattern("--ingest.dedupe_max_ids\\s+KONG_EXPORTER_INGEST_DEDUPE_MAX_IDS\\s+1000000");
    }

    @Test
    void every_default_shown_in_help_is_the_value_used_when_the_key_is_absent() throws Exception {
        ExporterConfig defaults = ConfigLoader.load(Map.of(), CommandLine.parse());
        for (ConfigKey key : ConfigKey.values()) {
            if (!key.defaultText().isEmpty()) {
                ExporterConfig explicit = ConfigLoader.load(Map.of(), CommandLine.parse(key.flag() + "=" + key.defaultText()));
                assertThat(explicit).as(key.path() + " = " + key.defaultText()).isEqualTo(defaults);
            }
        }
    }

    @Test
    void an_unknown_key_suggests_the_nearest_one_in_flags_environment_and_yaml() throws Exception {
        assertThatThrownBy(() -> CommandLine.parse("--kong.poll_intervall=5s"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kong.poll_intervall").hasMessageContaining("did you mean '--kong.poll_interval'?");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("KONG_EXPORTER_INGEST_TOKN", "x"), CommandLine.parse()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'KONG_EXPORTER_INGEST_TOKEN'?");
        Path file = dir.resolve("kong-exporter.yml");
        Files.writeString(file, "kong:\n  poll_intervall: 5s\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--config", file.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'kong.poll_intervall'")
                .hasMessageContaining("did you mean 'kong.poll_interval'?");
        Files.writeString(file, "kong:\n  nodes:\n    - url: http://k:8001\n      nmae: k\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--config", file.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'name'?");
        assertThatThrownBy(() -> CommandLine.parse("--frobnicate"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--frobnicate").hasMessageNotContaining("did you mean");
    }
}
