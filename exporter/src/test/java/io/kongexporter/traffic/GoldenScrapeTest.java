package io.kongexporter.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongfixtures.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every http-log fixture posted once, the traffic metrics scraped, compared with a stored golden text. After an
 * intended change, regenerate with {@code mvn test -Dtest=GoldenScrapeTest -Dgolden.update=true} and review the diff.
 */
class GoldenScrapeTest {
    private static final List<String> TRAFFIC_METRICS = List.of(
            "kong_http_requests_total", "kong_http_consumer_requests_total", "kong_request_latency_seconds", "kong_upstream_latency_seconds",
            "kong_proxy_latency_seconds", "kong_bandwidth_bytes_total", "kong_stream_sessions_total", "kong_stream_session_duration_seconds",
            "kong_kong_latency_ms", "kong_upstream_latency_ms", "kong_request_latency_ms", "kong_bandwidth_bytes", "kong_session_duration_ms",
            "kong_exporter_log_entries_total", "kong_exporter_series", "kong_http_upgraded_sessions_total",
            "kong_http_upgraded_session_duration_seconds", "kong_ai_llm_requests_total", "kong_ai_llm_cost_total", "kong_ai_llm_tokens_total",
            "kong_ai_llm_provider_latency_seconds", "kong_ai_llm_provider_latency_ms");

    @ParameterizedTest
    @ValueSource(strings = {"default", "kong-plugin"})
    void traffic_metrics_of_every_fixture_match_the_golden_scrape(String naming) throws IOException {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--metrics.naming=" + naming, "--ingest.extra_labels=connection_type")) {
            try (Stream<Path> files = Files.list(Fixtures.dir().resolve("http-log"))) {
                for (Path file : files.sorted().toList()) {
                    assertThat(exporter.post("/logs", Fixtures.read(file)).statusCode()).as(file.toString()).isEqualTo(200);
                }
            }
            StringBuilder query = new StringBuilder("/metrics?");
            TRAFFIC_METRICS.forEach(m -> query.append("name[]=").append(m).append("&").append("name[]=").append(m).append("_bucket&"));
            String actual = exporter.get(query.toString()).body();
            Path golden = Fixtures.projectRoot().resolve("exporter/src/test/resources/golden/traffic-" + naming + ".prom");
            if (Boolean.getBoolean("golden.update")) {
                Files.writeString(golden, actual);
            }
            assertThat(golden).as("golden file; create it with -Dgolden.update=true").exists();
            assertThat(actual).isEqualTo(Files.readString(golden));
        }
    }
}
