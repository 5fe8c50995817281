package io.kongexporter.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code metrics.naming: kong-plugin} produces the names, labels, units and buckets of Kong's prometheus plugin 3.9, from a real scrape. */
class PluginNamingTest {
    private static FakeKongNode kong;
    private static RunningExporter exporter;
    private static Scrape scrape;

    @BeforeAll
    static void start() {
        kong = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-postgres-unit-b.json")).serve("/", Fixtures.adminApi("root-3.9.json"));
        exporter = RunningExporter.start(Map.of("KONG_EXPORTER_KONG_NODES", "kong-1=" + kong.url(),
                "KONG_EXPORTER_KONG_POLL_INTERVAL", "300ms", "KONG_EXPORTER_KONG_TIMEOUT", "250ms"), "--metrics.naming=kong-plugin", "--metrics.per_consumer=true");
        exporter.post("/logs", Fixtures.httpLog("batch-3.9-five-entries.wire.json"));
        exporter.post("/logs", Fixtures.httpLog("entry-3.9-stream-tcp-session.json"));
        scrape = exporter.awaitScrape(Duration.ofSeconds(5), s -> !s.find("kong_node_info").isEmpty());
    }

    @AfterAll
    static void stop() {
        exporter.close();
        kong.close();
    }

    @Test
    void requests_carry_the_plugins_labels_including_consumer() {
        assertThat(scrape.find("kong_http_requests_total")).isNotEmpty().allSatisfy(s -> assertThat(s.labels().keySet())
                .containsExactlyInAnyOrder("service", "route", "code", "source", "workspace", "consumer"));
        assertThat(scrape.value("kong_http_requests_total", "service", "orders-api", "code", "200", "consumer", "mobile-app")).contains(2.0);
        assertThat(scrape.find("kong_http_consumer_requests_total")).isEmpty();
    }

    @Test
    void latencies_are_milliseconds_with_the_plugins_bucket_boundaries() {
        assertThat(bounds("kong_kong_latency_ms_bucket")).containsExactly(
                1.0, 2.0, 5.0, 7.0, 10.0, 15.0, 20.0, 30.0, 50.0, 75.0, 100.0, 200.0, 500.0, 750.0, 1000.0, 3000.0, 6000.0, Double.POSITIVE_INFINITY);
        List<Double> upstream = List.of(25.0, 50.0, 80.0, 100.0, 250.0, 400.0, 700.0, 1000.0, 2000.0, 5000.0, 10000.0, 30000.0, 60000.0, Double.POSITIVE_INFINITY);
        assertThat(bounds("kong_upstream_latency_ms_bucket")).containsExactlyElementsOf(upstream);
        assertThat(bounds("kong_request_latency_ms_bucket")).containsExactlyElementsOf(upstream);
        assertThat(bounds("kong_session_duration_ms_bucket")).containsExactlyElementsOf(upstream);
        assertThat(scrape.value("kong_request_latency_ms_sum", "service", "orders-api", "route", "orders-route", "workspace", "default").orElseThrow())
                .isGreaterThan(40);
        assertThat(scrape.names()).noneMatch(n -> n.startsWith("kong_") && n.contains("latency_seconds"));
    }

    @Test
    void bandwidth_is_kong_bandwidth_bytes_with_direction_and_consumer() {
        assertThat(scrape.find("kong_bandwidth_bytes")).isNotEmpty().allSatisfy(s -> assertThat(s.labels().keySet())
                .containsExactlyInAnyOrder("service", "route", "direction", "workspace", "consumer"));
        assertThat(scrape.find("kong_bandwidth_bytes_total")).isEmpty();
        assertThat(scrape.find("kong_stream_sessions_total")).singleElement().satisfies(s -> assertThat(s.labels().keySet())
                .containsExactlyInAnyOrder("service", "route", "code", "source", "workspace"));
    }

    @Test
    void node_metrics_use_node_id_and_subsystem_like_the_plugin() {
        var total = scrape.find("kong_nginx_connections_total", "state", "total");
        assertThat(total).singleElement().satisfies(s -> {
            assertThat(s.labels()).containsOnlyKeys("node_id", "subsystem", "state").containsEntry("subsystem", "http");
            assertThat(s.value()).isEqualTo(20577931.0);
        });
        assertThat(scrape.find("kong_nginx_connections_total").stream().map(s -> s.labels().get("state")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("accepted", "handled", "total", "active", "reading", "writing", "waiting");
        assertThat(scrape.find("kong_nginx_requests_total")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsOnlyKeys("node_id", "subsystem"));
        assertThat(scrape.find("kong_node_info")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsOnlyKeys("node_id", "version").containsEntry("version", "3.9.1"));
        assertThat(scrape.find("kong_memory_lua_shared_dict_bytes")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.labels()).containsOnlyKeys("node_id", "shared_dict", "kong_subsystem"));
        assertThat(scrape.find("kong_memory_workers_lua_vms_bytes")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.labels()).containsOnlyKeys("node_id", "pid", "kong_subsystem"));
        assertThat(scrape.value("kong_up", "node", "kong-1")).contains(1.0);
    }

    private static List<Double> bounds(String bucketName) {
        String first = scrape.find(bucketName).get(0).labels().entrySet().stream()
                .filter(e -> !e.getKey().equals("le")).map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return scrape.find(bucketName).stream()
                .filter(s -> s.labels().entrySet().stream().filter(e -> !e.getKey().equals("le"))
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")).equals(first))
                .map(s -> s.labels().get("le").equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(s.labels().get("le")))
                .toList();
    }
}
