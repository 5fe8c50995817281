package io.kongexporter.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A flood of unique route names keeps every traffic metric at its caps, counts the overflow, and loses no request. */
class CardinalityTest {

    @Test
    void a_flood_of_100000_unique_routes_keeps_series_at_the_cap_and_counts_every_request() {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--metrics.max_series=2000", "--metrics.max_label_values=1000000")) {
            post(exporter, 100_000, "flood");
            Scrape s = exporter.scrape();
            for (String metric : new String[] {"kong_http_requests_total", "kong_request_latency_seconds", "kong_bandwidth_bytes_total"}) {
                assertThat(s.value("kong_exporter_series", "metric", metric).orElseThrow()).as(metric).isLessThanOrEqualTo(2000 + 4);
                assertThat(s.value("kong_exporter_series_overflow_total", "metric", metric).orElseThrow()).as(metric).isGreaterThan(90_000);
            }
            assertThat(s.find("kong_http_requests_total")).hasSizeLessThanOrEqualTo(2001);
            assertThat(s.find("kong_http_requests_total", "route", "__overflow__", "service", "__overflow__")).isNotEmpty();
            assertThat(s.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum()).isEqualTo(100_000.0);
        }
    }

    @Test
    void distinct_values_of_one_label_are_capped_too() {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--metrics.max_label_values=500")) {
            post(exporter, 20_000, "many");
            Scrape s = exporter.scrape();
            assertThat(s.find("kong_http_requests_total").stream().map(x -> x.labels().get("route")).distinct().count())
                    .isLessThanOrEqualTo(501);
            assertThat(s.find("kong_http_requests_total", "route", "__overflow__")).isNotEmpty();
            assertThat(s.value("kong_exporter_series_overflow_total", "metric", "kong_http_requests_total").orElseThrow()).isGreaterThan(19_000);
            assertThat(s.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum()).isEqualTo(20_000.0);
        }
    }

    private static void post(RunningExporter exporter, int routes, String prefix) {
        int batch = 1000;
        for (int start = 0; start < routes; start += batch) {
            StringBuilder json = new StringBuilder("[");
            for (int i = start; i < start + batch; i++) {
                json.append(i == start ? "" : ",").append("{\"service\":{\"name\":\"svc\"},\"route\":{\"name\":\"").append(prefix).append('-').append(i)
                        .append("\"},\"response\":{\"status\":200,\"size\":100},\"request\":{\"size\":10},\"latencies\":{\"kong\":1,\"proxy\":2,\"request\":3}}");
            }
            assertThat(exporter.post("/logs", json.append(']').toString().getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        }
    }
}
