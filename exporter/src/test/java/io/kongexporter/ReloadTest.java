package io.kongexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigLoader;
import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /-/reload}: nodes come and go, limits change, unchanged series keep their values, a bad config is rejected. */
class ReloadTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void reload_adds_and_removes_nodes_keeps_counters_and_rejects_a_bad_config() throws Exception {
        try (FakeKongNode a = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"));
             FakeKongNode b = new FakeKongNode().serveStatus(Fixtures.adminApi("status-2.8-dbless.json"))) {
            Path file = dir.resolve("kong-exporter.yml");
            Files.writeString(file, config("a", a.url(), null, null, 20000));
            CommandLine flags = CommandLine.parse("--config", file.toString(), "--listen=127.0.0.1:0");
            try (ExporterApp app = ExporterApp.start(ConfigLoader.load(Map.of(), flags), 15_000, () -> ConfigLoader.load(Map.of(), flags))) {
                String base = "http://127.0.0.1:" + app.port();
                post(base + "/logs", Fixtures.httpLog("batch-3.9-five-entries.wire.json"));
                double pollsBefore = awaitScrape(base, s -> s.value("kong_exporter_polls_total", "node", "a").orElse(0.0) >= 2)
                        .value("kong_exporter_polls_total", "node", "a").orElseThrow();
                assertThat(pollsBefore).isGreaterThanOrEqualTo(2);

                Files.writeString(file, config("b", b.url(), "a", a.url(), 50));
                HttpResponse<String> reloaded = post(base + "/-/reload", new byte[0]);
                assertThat(reloaded.statusCode()).isEqualTo(200);
                Scrape after = awaitScrape(base, s -> s.value("kong_up", "node", "b").orElse(0.0) == 1.0);
                assertThat(after.value("kong_up", "node", "a")).contains(1.0);
                assertThat(after.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum())
                        .as("traffic counters keep their values across a reload").isEqualTo(5.0);
                assertThat(after.value("kong_exporter_polls_total", "node", "a").orElseThrow()).as("node a kept its poller and counters")
                        .isGreaterThanOrEqualTo(pollsBefore);

                Files.writeString(file, config("b", b.url(), null, null, 50));
                assertThat(post(base + "/-/reload", new byte[0]).statusCode()).isEqualTo(200);
                Scrape removed = awaitScrape(base, s -> s.find("kong_up", "node", "a").isEmpty());
                assertThat(removed.find("kong_up", "node", "a")).as("a removed node's series go").isEmpty();

                Files.writeString(file, "kong:\n  poll_intervall: 1s\n");
                HttpResponse<String> rejected = post(base + "/-/reload", new byte[0]);
                assertThat(rejected.statusCode()).isEqualTo(400);
                assertThat(rejected.body()).contains("poll_intervall");
                Scrape still = awaitScrape(base, s -> true);
                assertThat(still.value("kong_exporter_config_reload_failures_total")).contains(1.0);
                assertThat(still.value("kong_exporter_config_last_reload_successful")).contains(0.0);
                assertThat(still.value("kong_up", "node", "b")).as("the old configuration stays").contains(1.0);
            }
        }
    }

    private static String config(String name, URI url, String other, URI otherUrl, int maxSeries) {
        return """
                kong:
                  poll_interval: 300ms
                  timeout: 250ms
                  heartbeat_window: 2s
                  nodes:
                    - {name: %s, url: '%s'}
                %s
                metrics:
                  max_series: %d
                """.formatted(name, url, other == null ? "" : "    - {name: " + other + ", url: '" + otherUrl + "'}", maxSeries);
    }

    private HttpResponse<String> post(String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Scrape awaitScrape(String base, Predicate<Scrape> condition) throws Exception {
        Instant deadline = Instant.now().plusSeconds(5);
        Scrape s;
        do {
            s = new Scrape(http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return s;
    }
}
