package io.kongexporter.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongfixtures.Fixtures;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code metrics.consumer_label} and {@code metrics.latency_buckets}, the options a naming reads when it is chosen, from a real scrape. */
class NamingOptionsTest {

    @Test
    void consumer_label_none_drops_the_consumer_counter_in_the_default_naming() {
        Scrape scrape = scrapeAfterBatch("--metrics.consumer_label=none");
        assertThat(scrape.find("kong_http_requests_total")).isNotEmpty();
        assertThat(scrape.find("kong_http_consumer_requests_total")).isEmpty();
        assertThat(scrape.find("kong_exporter_series", "metric", "kong_http_consumer_requests_total")).isEmpty();
    }

    @Test
    void consumer_label_id_names_the_consumer_by_its_id_in_the_default_naming_only() {
        String id = "0b7e5c3a-91d4-4f26-8a3e-6c2d1f9e8b7a";
        assertThat(scrapeAfterBatch("--metrics.consumer_label=id").value("kong_http_consumer_requests_total", "consumer", id, "code", "200"))
                .contains(2.0);
        // the plugin labels the username only, and only with per_consumer (kong/plugins/prometheus/handler.lua, 3.9)
        Scrape plugin = scrapeAfterBatch("--metrics.consumer_label=id", "--metrics.naming=kong-plugin", "--metrics.per_consumer=true");
        assertThat(plugin.value("kong_http_requests_total", "consumer", "mobile-app", "code", "200")).contains(2.0);
        assertThat(plugin.value("kong_http_requests_total", "consumer", "", "code", "401")).contains(1.0);
    }

    @Test
    void latency_buckets_replace_kongs_bounds_in_every_latency_histogram_of_the_default_naming() {
        Scrape scrape = scrapeAfterBatch("--metrics.latency_buckets=0.01,0.5");
        for (String histogram : new String[] {"kong_request_latency_seconds", "kong_upstream_latency_seconds", "kong_proxy_latency_seconds",
                "kong_stream_session_duration_seconds"}) {
            assertThat(scrape.find(histogram + "_bucket").stream().map(s -> s.labels().get("le")).distinct())
                    .as(histogram).containsExactlyInAnyOrder("0.01", "0.5", "+Inf");
        }
    }

    private static Scrape scrapeAfterBatch(String... flags) {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), flags)) {
            assertThat(exporter.post("/logs", Fixtures.httpLog("batch-3.9-five-entries.wire.json")).statusCode()).isEqualTo(200);
            assertThat(exporter.post("/logs", Fixtures.httpLog("entry-3.9-stream-tcp-session.json")).statusCode()).isEqualTo(200);
            return exporter.scrape();
        }
    }
}
