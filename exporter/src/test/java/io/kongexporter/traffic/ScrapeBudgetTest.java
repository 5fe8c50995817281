package io.kongexporter.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worst case a Prometheus pays for one scrape is bounded with the default caps (issue 14, item 4): 20,000 entries
 * of distinct (service, route, code, consumer) used to make a 61.8 MB scrape of 563,000 lines, because the three
 * route-level latency histograms cost their buckets per route. {@code metrics.max_samples} now caps what all traffic
 * metrics expose together, and {@code metrics.latency_labels: service} trades route-level latency for route-level
 * counts of many more routes.
 */
class ScrapeBudgetTest {
    private static final int ENTRIES = 20_000;
    /** The exporter's own metrics and one {@code __overflow__} series per metric come on top of the traffic samples. */
    private static final int OWN_METRICS_SLACK = 3_000;

    @Test
    void distinct_label_sets_flooding_in_stay_within_the_default_sample_budget_and_every_request_is_still_counted() {
        try (RunningExporter exporter = RunningExporter.start(Map.of())) {
            post(exporter, ENTRIES);
            String text = exporter.get("/metrics").body();
            Scrape s = new Scrape(text);

            assertThat(s.samples().size()).isLessThanOrEqualTo(150_000 + OWN_METRICS_SLACK);
            assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(15 << 20);
            assertThat(s.value("kong_exporter_samples_limit").orElseThrow()).isEqualTo(150_000.0);
            // the __overflow__ series themselves are always admitted (one per code and source at most)
            assertThat(s.value("kong_exporter_samples").orElseThrow()).isBetween(140_000.0, 150_000.0 + 2_000);
            assertThat(s.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum()).isEqualTo(ENTRIES);
            assertThat(s.find("kong_request_latency_seconds_count").stream().mapToDouble(Scrape.Sample::value).sum()).isEqualTo(ENTRIES);
            assertThat(s.find("kong_http_requests_total", "route", "__overflow__")).isNotEmpty();
            assertThat(s.value("kong_exporter_series_overflow_total", "metric", "kong_request_latency_seconds").orElseThrow()).isGreaterThan(0);
        }
    }

    @Test
    void service_level_latency_keeps_the_route_detail_of_the_request_counter_for_many_more_routes() {
        try (RunningExporter byRoute = RunningExporter.start(Map.of()); RunningExporter byService = RunningExporter.start(Map.of(), "--metrics.latency_labels=service")) {
            int routes = ENTRIES / 2;
            post(byRoute, routes);
            post(byService, routes);
            Scrape route = byRoute.scrape();
            Scrape service = byService.scrape();

            assertThat(service.find("kong_request_latency_seconds_count")).isNotEmpty()
                    .allSatisfy(sample -> assertThat(sample.labels().get("route")).isEmpty());
            assertThat(service.find("kong_request_latency_seconds_count").size()).isEqualTo(routes / 10);
            long routesKept = service.find("kong_http_requests_total").stream().filter(x -> !x.labels().get("route").equals("__overflow__")).count();
            long routesKeptByRoute = route.find("kong_http_requests_total").stream().filter(x -> !x.labels().get("route").equals("__overflow__")).count();
            assertThat(routesKept).isEqualTo(routes);
            assertThat(routesKeptByRoute).isLessThan(routes / 3);
            assertThat(service.samples().size()).isLessThanOrEqualTo(150_000 + OWN_METRICS_SLACK);
            assertThat(service.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum()).isEqualTo(routes);
        }
    }

    /** Entries each of its own route and consumer; 10 routes per service; codes spread over 200–599. */
    private static void post(RunningExporter exporter, int entries) {
        int batch = 1000;
        for (int start = 0; start < entries; start += batch) {
            StringBuilder json = new StringBuilder("[");
            for (int i = start; i < start + batch; i++) {
                json.append(i == start ? "" : ",").append("{\"service\":{\"name\":\"svc-").append(i / 10)
                        .append("\"},\"route\":{\"name\":\"route-").append(i).append("\"},\"consumer\":{\"username\":\"c-").append(i)
                        .append("\"},\"response\":{\"status\":").append(200 + i % 400)
                        .append(",\"size\":100},\"request\":{\"size\":10},\"latencies\":{\"kong\":1,\"proxy\":2,\"request\":3}}");
            }
            assertThat(exporter.post("/logs", json.append(']').toString().getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        }
    }
}
