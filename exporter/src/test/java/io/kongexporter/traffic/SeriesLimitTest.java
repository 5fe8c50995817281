package io.kongexporter.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.ExporterApp;
import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigLoader;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kong_exporter_series_limit{metric}} (issue 12 item 11, for KongExporterSeriesCapNear): the cap each traffic
 * metric has, {@code metrics.max_series} of the configuration in force, so a reload moves it.
 */
class SeriesLimitTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void series_limit_is_metrics_max_series_per_traffic_metric_and_follows_a_reload() throws Exception {
        Path file = dir.resolve("kong-exporter.yml");
        Files.writeString(file, "metrics:\n  max_series: 50\n");
        CommandLine flags = CommandLine.parse("--config", file.toString(), "--listen=127.0.0.1:0");
        try (ExporterApp app = ExporterApp.start(ConfigLoader.load(Map.of(), flags), 15_000, () -> ConfigLoader.load(Map.of(), flags))) {
            String base = "http://127.0.0.1:" + app.port();
            assertThat(send(base + "/logs", Fixtures.httpLog("batch-3.9-five-entries.wire.json")).statusCode()).isEqualTo(200);
            Scrape before = scrape(base);
            assertThat(before.value("kong_exporter_series_limit", "metric", "kong_http_requests_total")).contains(50.0);
            assertThat(before.find("kong_exporter_series_limit")).extracting(s -> s.labels().get("metric"))
                    .as("one limit per metric that holds series")
                    .containsExactlyInAnyOrderElementsOf(before.find("kong_exporter_series").stream().map(s -> s.labels().get("metric")).toList());

            Files.writeString(file, "metrics:\n  max_series: 70\n");
            assertThat(send(base + "/-/reload", new byte[0]).statusCode()).isEqualTo(200);
            assertThat(scrape(base).value("kong_exporter_series_limit", "metric", "kong_http_requests_total")).contains(70.0);
        }
    }

    private HttpResponse<String> send(String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Scrape scrape(String base) throws Exception {
        return new Scrape(http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
