package io.kongexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets (ingest token and basic auth, node admin tokens, basic auth passwords, static headers): a control
 * character is an error at load that names the key and never the value; {@code ${ENV}} references and
 * {@code _file} variants work for the ingest secrets as they do for node secrets.
 */
class SecretValuesTest {
    private static final String TOKEN = "tok-8c1f3d0aa7e54b52";

    @TempDir
    Path dir;

    @Test
    void an_ingest_token_with_a_trailing_newline_from_the_environment_is_rejected_without_showing_it() {
        assertRejectedWithoutValue(Map.of("KONG_EXPORTER_INGEST_TOKEN", TOKEN + "\n"), "ingest.token");
        assertRejectedWithoutValue(Map.of("KONG_EXPORTER_INGEST_BASIC_AUTH", "kong:" + TOKEN + "\r\n"), "ingest.basic_auth");
    }

    @Test
    void a_node_secret_with_a_control_character_is_rejected_in_every_place_a_secret_goes() throws IOException {
        assertRejectedWithoutValue(Map.of("ADMIN_TOKEN", TOKEN + "\n"), "kong.nodes[0].admin_token", """
                kong:
                  nodes:
                    - url: http://127.0.0.1:8001
                      admin_token: ${ADMIN_TOKEN}
                """);
        assertRejectedWithoutValue(Map.of(), "kong.nodes[0].admin_token", """
                kong:
                  nodes:
                    - url: http://127.0.0.1:8001
                      admin_token: "%s\\tx"
                """.formatted(TOKEN));
        assertRejectedWithoutValue(Map.of(), "kong.nodes[0].headers.X-Api-Key", """
                kong:
                  nodes:
                    - url: http://127.0.0.1:8001
                      headers:
                        X-Api-Key: "%s\\nInjected: yes"
                """.formatted(TOKEN));
        assertRejectedWithoutValue(Map.of(), "kong.nodes[0].basic_auth.password", """
                kong:
                  nodes:
                    - url: http://127.0.0.1:8001
                      basic_auth:
                        username: exporter
                        password: "%s\\u0000"
                """.formatted(TOKEN));
        assertRejectedWithoutValue(Map.of("KONG_EXPORTER_INGEST_TOKEN", "${INGEST_TOKEN}", "INGEST_TOKEN", TOKEN + "\n"), "ingest.token");
    }

    @Test
    void a_secret_file_may_end_with_one_newline_but_not_hold_one_inside() throws Exception {
        Path good = dir.resolve("token");
        Files.writeString(good, TOKEN + "\n");
        ExporterConfig config = load(Map.of(), """
                kong:
                  nodes:
                    - url: http://127.0.0.1:8001
                      admin_token_file: %s
                """.formatted(good));
        assertThat(config.kong().nodes().get(0).auth().headers()).containsEntry("Kong-Admin-Token", TOKEN);

        Path bad = dir.resolve("two-lines");
        Files.writeString(bad, TOKEN + "\nsecond line\n");
        assertRejectedWithoutValue(Map.of(), "kong.nodes[0].admin_token_file", """
                kong:
                  nodes:
                    - url: http://127.0.0.1:8001
                      admin_token_file: %s
                """.formatted(bad));
        assertRejectedWithoutValue(Map.of("KONG_EXPORTER_INGEST_TOKEN_FILE", bad.toString()), "ingest.token_file");
    }

    @Test
    void ingest_token_and_basic_auth_take_environment_references() throws Exception {
        ExporterConfig config = load(Map.of("INGEST_TOKEN", TOKEN, "INGEST_BASIC", "kong:pa55"), """
                ingest:
                  token: ${INGEST_TOKEN}
                  basic_auth: ${INGEST_BASIC}
                """);
        assertThat(config.ingest().token()).contains(TOKEN);
        assertThat(config.ingest().basicAuth()).contains("kong:pa55");
        assertThatThrownBy(() -> load(Map.of(), "ingest:\n  token: ${INGEST_TOKEN}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.token").hasMessageContaining("INGEST_TOKEN is not set");
    }

    @Test
    void ingest_token_and_basic_auth_can_be_read_from_files() throws Exception {
        Path token = dir.resolve("ingest-token");
        Files.writeString(token, TOKEN + "\r\n");
        Path basic = dir.resolve("ingest-basic");
        Files.writeString(basic, "kong:pa55\n");
        ExporterConfig fromYaml = load(Map.of(), """
                ingest:
                  token_file: %s
                  basic_auth_file: %s
                """.formatted(token, basic));
        assertThat(fromYaml.ingest().token()).contains(TOKEN);
        assertThat(fromYaml.ingest().basicAuth()).contains("kong:pa55");
        ExporterConfig fromEnv = ConfigLoader.load(Map.of("KONG_EXPORTER_INGEST_TOKEN_FILE", token.toString()), CommandLine.parse());
        assertThat(fromEnv.ingest().token()).contains(TOKEN);
        ExporterConfig fromFlag = ConfigLoader.load(Map.of(), CommandLine.parse("--ingest.basic_auth_file=" + basic));
        assertThat(fromFlag.ingest().basicAuth()).contains("kong:pa55");
        assertThat(ConfigLoader.load(Map.of(), CommandLine.parse()).ingest().token()).isEqualTo(Optional.empty());
    }

    @Test
    void a_secret_and_its_file_variant_together_are_an_error() throws Exception {
        Path token = dir.resolve("ingest-token");
        Files.writeString(token, TOKEN);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("KONG_EXPORTER_INGEST_TOKEN", "other"),
                CommandLine.parse("--ingest.token_file=" + token)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.token").hasMessageContaining("ingest.token_file")
                .hasMessageNotContaining(TOKEN).hasMessageNotContaining("other");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--ingest.token_file=" + dir.resolve("missing"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.token_file").hasMessageContaining("missing");
    }

    private void assertRejectedWithoutValue(Map<String, String> env, String key) {
        assertThatThrownBy(() -> ConfigLoader.load(env, CommandLine.parse()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(key).hasMessageNotContaining(TOKEN);
    }

    private void assertRejectedWithoutValue(Map<String, String> env, String key, String yaml) throws IOException {
        assertThatThrownBy(() -> load(env, yaml))
                .isInstanceOf(ConfigException.class).hasMessageContaining(key).hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining("tok-");
    }

    private ExporterConfig load(Map<String, String> env, String yaml) throws IOException, ConfigException {
        Path file = dir.resolve("kong-exporter.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(env, CommandLine.parse("--config", file.toString()));
    }
}
