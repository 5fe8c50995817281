package io.kongexporter.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Label values taken from an entry are capped by {@code metrics.max_label_length}, marked and counted. */
class LabelLengthTest {
    private static final int MIB = 1 << 20;

    @Test
    void an_entry_with_1_MiB_service_route_and_consumer_grows_the_scrape_by_a_few_KB_and_counts_3_truncations() {
        try (RunningExporter exporter = RunningExporter.start(Map.of())) {
            assertThat(exporter.post("/logs", entry("svc", "route", "app")).statusCode()).isEqualTo(200);
            int before = exporter.get("/metrics").body().getBytes(StandardCharsets.UTF_8).length;

            String huge = "é".repeat(MIB / 2 - 8); // 1 MiB of UTF-8, within the parser's string limit
            assertThat(exporter.post("/logs", entry("s" + huge, "r" + huge, "c" + huge)).statusCode()).isEqualTo(200);

            String text = exporter.get("/metrics").body();
            // The entry adds ~55 samples (a request counter, three histograms of 13 to 17 buckets, bandwidth), each
            // naming the service and route: at most ~55 x 2 x 256 bytes. Uncapped, the same entry added over 100 MB.
            assertThat(text.getBytes(StandardCharsets.UTF_8).length - before).as("growth of /metrics in bytes").isLessThan(64 * 1024);
            Scrape s = new Scrape(text);
            assertThat(s.find("kong_exporter_label_truncations_total").stream().mapToDouble(Scrape.Sample::value).sum()).isEqualTo(3.0);
            assertThat(s.value("kong_exporter_label_truncations_total", "label", "consumer")).contains(1.0);
            String route = s.find("kong_http_requests_total").stream().map(x -> x.labels().get("route"))
                    .filter(r -> r.startsWith("ré")).findFirst().orElseThrow();
            assertThat(route).endsWith("…[truncated]");
            assertThat(route.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(256);
        }
    }

    @Test
    void values_within_the_limit_are_kept_whole_and_not_counted() {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--metrics.max_label_length=64")) {
            String name = "r".repeat(64);
            assertThat(exporter.post("/logs", entry("svc", name, "app")).statusCode()).isEqualTo(200);
            Scrape s = exporter.scrape();
            assertThat(s.find("kong_http_requests_total", "route", name)).hasSize(1);
            assertThat(s.find("kong_exporter_label_truncations_total").stream().mapToDouble(Scrape.Sample::value).sum()).isZero();
        }
    }

    static byte[] entry(String service, String route, String consumer) {
        return ("[{\"service\":{\"name\":\"" + service + "\"},\"route\":{\"name\":\"" + route + "\"},\"consumer\":{\"username\":\"" + consumer
                + "\"},\"response\":{\"status\":200,\"size\":100},\"request\":{\"size\":10},\"latencies\":{\"kong\":1,\"proxy\":2,\"request\":3}}]")
                .getBytes(StandardCharsets.UTF_8);
    }
}
