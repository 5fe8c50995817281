package io.kongexporter.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kong_exporter_series_overflow_total{metric}} counts, for every traffic metric, the entries it recorded under
 * {@code __overflow__} (bandwidth: per direction), whichever cap put them there; workspace collapses like the other
 * values taken from entries, as the README says.
 */
class OverflowCountingTest {
    private static final int ENTRIES = 100;

    @Test
    void every_default_metric_counts_the_entries_it_recorded_under_overflow_for_a_label_value_cap() {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--metrics.max_label_values=10")) {
            post(exporter, "route", false);
            Scrape s = exporter.scrape();
            // 10 route values fit; the other 90 entries are recorded under __overflow__ in every metric.
            for (String metric : List.of("kong_http_requests_total", "kong_request_latency_seconds", "kong_upstream_latency_seconds",
                    "kong_proxy_latency_seconds", "kong_bandwidth_bytes_total")) {
                assertThat(s.value("kong_exporter_series_overflow_total", "metric", metric)).as(metric).contains(90.0);
            }
        }
    }

    @Test
    void every_default_metric_counts_the_entries_it_recorded_under_overflow_for_a_series_cap() {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--metrics.max_series=10")) {
            post(exporter, "route", false);
            Scrape s = exporter.scrape();
            for (String metric : List.of("kong_http_requests_total", "kong_request_latency_seconds", "kong_upstream_latency_seconds",
                    "kong_proxy_latency_seconds", "kong_bandwidth_bytes_total")) {
                assertThat(s.value("kong_exporter_series_overflow_total", "metric", metric)).as(metric).contains(90.0);
            }
        }
    }

    @Test
    void every_kong_plugin_metric_counts_the_entries_it_recorded_under_overflow() {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--metrics.naming=kong-plugin", "--metrics.max_label_values=10")) {
            post(exporter, "route", false);
            post(exporter, "stream", true);
            Scrape s = exporter.scrape();
            for (String metric : List.of("kong_http_requests_total", "kong_request_latency_ms", "kong_upstream_latency_ms")) {
                assertThat(s.value("kong_exporter_series_overflow_total", "metric", metric)).as(metric).contains(90.0);
            }
            // The route cap is full by then: every stream entry overflows.
            assertThat(s.value("kong_exporter_series_overflow_total", "metric", "kong_stream_sessions_total")).contains(100.0);
            assertThat(s.value("kong_exporter_series_overflow_total", "metric", "kong_session_duration_ms")).contains(100.0);
            // Both kinds of entry record these: 90 http and 100 stream entries overflow.
            assertThat(s.value("kong_exporter_series_overflow_total", "metric", "kong_kong_latency_ms")).contains(190.0);
            assertThat(s.value("kong_exporter_series_overflow_total", "metric", "kong_bandwidth_bytes")).contains(190.0);
        }
    }

    @Test
    void distinct_workspaces_collapse_into_overflow_and_are_counted_as_the_readme_says() {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--metrics.max_label_values=10")) {
            post(exporter, "workspace", false);
            Scrape s = exporter.scrape();
            assertThat(s.find("kong_http_requests_total").stream().map(x -> x.labels().get("workspace")).distinct().count()).isEqualTo(11);
            assertThat(s.find("kong_http_requests_total", "workspace", "__overflow__").stream().mapToDouble(Scrape.Sample::value).sum()).isEqualTo(90.0);
            assertThat(s.value("kong_exporter_series_overflow_total", "metric", "kong_http_requests_total")).contains(90.0);
            assertThat(s.value("kong_exporter_series_overflow_total", "metric", "kong_bandwidth_bytes_total")).contains(90.0);
        }
    }

    /** {@value #ENTRIES} entries, each with a new value of {@code field} ("route" or "workspace"); bandwidth only egress. */
    private static void post(RunningExporter exporter, String field, boolean stream) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < ENTRIES; i++) {
            String value = (stream ? "s-" : "h-") + field + "-" + i;
            String route = field.equals("route") ? value : "orders";
            String workspace = field.equals("workspace") ? ",\"workspace_name\":\"" + value + "\"" : "";
            json.append(i == 0 ? "" : ",").append("{\"service\":{\"name\":\"svc\"},\"route\":{\"name\":\"").append(route).append("\"}")
                    .append(workspace).append(stream
                            ? ",\"session\":{\"status\":200,\"sent\":100},\"latencies\":{\"kong\":1,\"session\":20},\"tries\":[{}]"
                            : ",\"response\":{\"status\":200,\"size\":100},\"latencies\":{\"kong\":1,\"proxy\":2,\"request\":3}")
                    .append('}');
        }
        assertThat(exporter.post("/logs", json.append(']').toString().getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    }
}
