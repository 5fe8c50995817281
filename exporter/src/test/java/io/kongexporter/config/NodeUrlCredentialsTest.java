package io.kongexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Credentials written into a node URL never appear in an error, whatever else is wrong with the URL. */
class NodeUrlCredentialsTest {
    private static final String SECRET = "s3cr3t-pw";

    @TempDir
    Path dir;

    static List<String> badUrlsWithCredentials() {
        return List.of(
                "http://admin:" + SECRET + "@kong:8001",
                "http://admin:" + SECRET + "@kong:8001/?x=1",
                "http://admin:" + SECRET + "@kong:8001/#top",
                "ftp://admin:" + SECRET + "@kong:21",
                "http://admin:" + SECRET + "@ko ng:8001",
                "http://admin:" + SECRET + "@",
                "http://admin:" + SECRET + "@:8001",
                "http://admin:" + SECRET + "/x@kong:8001",
                "http://admin:p@" + SECRET + "@kong:8001",
                "admin:" + SECRET + "@kong:8001",
                "https://" + SECRET + "@kong:8444/api?token=1");
    }

    @ParameterizedTest
    @MethodSource("badUrlsWithCredentials")
    void an_error_about_a_node_url_never_shows_its_credentials(String url) throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("KONG_EXPORTER_KONG_NODES", "kong-1=" + url), CommandLine.parse()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kong.nodes").hasMessageNotContaining(SECRET);
        Path file = dir.resolve("kong-exporter.yml");
        Files.writeString(file, "kong:\n  nodes:\n    - url: \"" + url + "\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--config", file.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kong.nodes[0].url").hasMessageNotContaining(SECRET);
    }

    @Test
    void redaction_keeps_the_rest_of_the_url_readable() {
        assertThat(RedactedUrl.of("http://admin:pw@kong:8001/?x=1")).isEqualTo("http://***@kong:8001/?x=1");
        assertThat(RedactedUrl.of("admin:pw@kong:8001")).isEqualTo("***@kong:8001");
        assertThat(RedactedUrl.of("http://kong:8001/admin")).isEqualTo("http://kong:8001/admin");
    }
}
