package io.kongexporter.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code metrics.naming: kong-plugin} against what Kong 3.9's prometheus plugin exposes for the same entries. The
 * expectation, {@code kong-3.9/plugin-scrape-expected.prom}, is written by hand from Kong's
 * {@code kong/plugins/prometheus/exporter.lua}, {@code handler.lua}, {@code prometheus.lua} and
 * {@code spec/03-plugins/26-prometheus/02-access_spec.lua} (tag 3.9.3), not produced by the exporter.
 */
class KongPluginParityTest {
    static final List<String> ENTRIES = List.of("entry-3.9-proxied-200-consumer.json", "entry-3.9-rejected-401-key-auth.json",
            "entry-3.9-no-route-404-global-plugin.json", "entry-3.9-websocket-custom-fields.json", "entry-3.9-stream-tcp-session.json",
            "entry-3.9-ai-proxy-openai-chat.json");

    @Test
    void the_same_entries_give_the_series_and_values_kong_39_gives() throws IOException {
        Scrape expected = new Scrape(expectedText());
        Scrape actual = scrapeAfterEntries("--metrics.per_consumer=true");
        Set<String> names = expected.samples().stream().map(Scrape.Sample::name).collect(Collectors.toCollection(java.util.TreeSet::new));
        for (String name : names) {
            Set<Map<String, String>> want = normalized(expected.find(name));
            Set<Map<String, String>> got = normalized(actual.find(name));
            if (name.endsWith("_bucket")) {
                assertThat(got).as(name).containsAll(want);
            } else {
                assertThat(got).as(name).containsExactlyInAnyOrderElementsOf(want);
            }
        }
    }

    @Test
    void requests_that_matched_no_route_are_not_recorded_as_in_kongs_exporter_lua() {
        Scrape scrape = scrapeAfterEntries();
        assertThat(scrape.find("kong_http_requests_total", "code", "404")).isEmpty();
        assertThat(scrape.find("kong_bandwidth_bytes", "route", "")).isEmpty();
        assertThat(scrape.find("kong_kong_latency_ms_count", "route", "")).isEmpty();
    }

    @Test
    void without_per_consumer_the_consumer_label_is_empty_as_with_the_plugins_default() {
        Scrape scrape = scrapeAfterEntries();
        assertThat(scrape.find("kong_http_requests_total")).hasSize(4)
                .allSatisfy(s -> assertThat(s.labels()).containsEntry("consumer", ""));
        assertThat(scrape.find("kong_bandwidth_bytes")).allSatisfy(s -> assertThat(s.labels()).containsEntry("consumer", ""));
    }

    @Test
    void per_consumer_labels_the_username_only_never_the_custom_id_or_id() {
        Scrape scrape = scrapeAfterEntries("--metrics.per_consumer=true", "--metrics.consumer_label=id");
        assertThat(scrape.value("kong_http_requests_total", "code", "200", "service", "orders-api").orElseThrow()).isEqualTo(1.0);
        assertThat(scrape.find("kong_http_requests_total", "code", "200", "service", "orders-api").get(0).labels())
                .containsEntry("consumer", "mobile-app");
    }

    static Scrape scrapeAfterEntries(String... flags) {
        String[] all = new String[flags.length + 1];
        all[0] = "--metrics.naming=kong-plugin";
        System.arraycopy(flags, 0, all, 1, flags.length);
        try (RunningExporter exporter = RunningExporter.start(Map.of(), all)) {
            for (String entry : ENTRIES) {
                assertThat(exporter.post("/logs", Fixtures.httpLog(entry)).statusCode()).as(entry).isEqualTo(200);
            }
            return exporter.scrape();
        }
    }

    /** Labels plus the value as one map, {@code le} read as a number: Kong prints {@code le="25"}, client_java {@code le="25.0"}. */
    private static Set<Map<String, String>> normalized(List<Scrape.Sample> samples) {
        return samples.stream().map(s -> {
            Map<String, String> m = new TreeMap<>(s.labels());
            m.computeIfPresent("le", (k, v) -> Double.toString(Double.parseDouble(v.replace("+Inf", "Infinity"))));
            m.put("__value__", Double.toString(s.value()));
            return m;
        }).collect(Collectors.toSet());
    }

    private static String expectedText() throws IOException {
        try (InputStream in = KongPluginParityTest.class.getResourceAsStream("/kong-3.9/plugin-scrape-expected.prom")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
