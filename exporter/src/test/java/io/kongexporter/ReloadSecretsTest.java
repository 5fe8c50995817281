package io.kongexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answer of a rejected {@code POST /-/reload} names the bad key but shows no credentials of a node URL and no secret. */
class ReloadSecretsTest {
    private static final String SECRET = "s3cr3t-pw";

    @TempDir
    Path dir;

    @Test
    void a_rejected_reload_answer_shows_neither_url_credentials_nor_a_secret() throws Exception {
        Path file = dir.resolve("kong-exporter.yml");
        Files.writeString(file, "kong:\n  nodes: []\n");
        CommandLine flags = CommandLine.parse("--config", file.toString(), "--listen=127.0.0.1:0");
        try (ExporterApp app = ExporterApp.start(ConfigLoader.load(Map.of(), flags), 15_000, () -> ConfigLoader.load(Map.of(), flags))) {
            Files.writeString(file, "kong:\n  nodes:\n    - url: \"http://admin:" + SECRET + "@kong:8001/?x=1\"\n");
            HttpResponse<String> answer = reload(app);
            assertThat(answer.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(answer.body()).contains("kong.nodes[0].url").doesNotContain(SECRET);

            Files.writeString(file, "kong:\n  nodes:\n    - url: http://kong:8001\n      admin_token: \"" + SECRET + "\\n\"\n");
            answer = reload(app);
            assertThat(answer.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(answer.body()).contains("kong.nodes[0].admin_token").doesNotContain(SECRET);
        }
    }

    private static HttpResponse<String> reload(ExporterApp app) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
