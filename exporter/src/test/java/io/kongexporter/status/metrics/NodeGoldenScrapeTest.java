package io.kongexporter.status.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.FakeKongNode;
import io.kongfixtures.Fixtures;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three real Kong fixtures served by fake nodes (a 3.9 control plane with three data planes and upstream health, a
 * 2.8 DB-less node, a 3.9 data plane reachable on its Status API only), polled by a real exporter in each naming;
 * the node metrics of {@code /metrics} are compared with a stored golden text and linted by promtool. Values that
 * depend on the clock or on how many polls ran before the scrape (last-seen timestamps, poll durations, poll
 * counts) are written as {@code NaN}. After an intended change, regenerate with
 * {@code mvn test -Dtest=NodeGoldenScrapeTest -Dgolden.update=true} and review the diff.
 */
class NodeGoldenScrapeTest {
    private static final List<String> NODE_FAMILIES = List.of(
            "kong_up", "kong_node_last_seen_timestamp_seconds", "kong_node_info", "kong_nginx_connections", "kong_nginx_connections_total",
            "kong_nginx_connections_accepted_total", "kong_nginx_connections_handled_total", "kong_nginx_requests_total",
            "kong_datastore_reachable", "kong_config_hash_info", "kong_memory_lua_shared_dict_bytes", "kong_memory_lua_shared_dict_total_bytes",
            "kong_memory_workers_lua_vms_bytes", "kong_upstream_target_health", "kong_cluster_live_nodes", "kong_cluster_known_nodes",
            "kong_data_plane_last_seen_timestamp_seconds", "kong_data_plane_last_seen", "kong_data_plane_config_hash",
            "kong_data_plane_version_compatible", "kong_exporter_poll_duration_seconds", "kong_exporter_polls_total",
            "kong_exporter_poll_errors_total", "kong_exporter_circuit_breaker_state", "kong_node_ready", "kong_nginx_timers",
            "kong_data_plane_config_hash_info");
    private static final Set<String> MASKED = Set.of("kong_node_last_seen_timestamp_seconds", "kong_data_plane_last_seen_timestamp_seconds",
            "kong_data_plane_last_seen", "kong_exporter_poll_duration_seconds", "kong_exporter_polls_total");

    @ParameterizedTest
    @ValueSource(strings = {"default", "kong-plugin"})
    void node_metrics_of_a_fleet_match_the_golden_scrape(String naming) throws Exception {
        try (FakeKongNode controlPlane = controlPlane();
             FakeKongNode dbless = new FakeKongNode().serveStatus(Fixtures.adminApi("status-2.8-dbless.json"))
                     .serve("/", Fixtures.adminApi("root-2.8.json")).serve("/upstreams", "{\"data\":[],\"next\":null}".getBytes());
             FakeKongNode dataPlane = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-data-plane.json"))
                     .serve("/status/ready", 503, Fixtures.adminApi("status-ready-503-no-config.json"));
             RunningExporter exporter = RunningExporter.start(Map.of(
                     "KONG_EXPORTER_KONG_NODES", "cp=" + controlPlane.url() + ",dbless=" + dbless.url() + ",dp=" + dataPlane.url(),
                     "KONG_EXPORTER_KONG_POLL_INTERVAL", "1500ms",
                     "KONG_EXPORTER_KONG_TIMEOUT", "1500ms",
                     "KONG_EXPORTER_KONG_UPSTREAM_HEALTH", "true"), "--metrics.naming=" + naming)) {
            Scrape scrape = exporter.awaitScrape(Duration.ofSeconds(10), s -> s.find("kong_up").size() == 3
                    && s.find("kong_up").stream().allMatch(up -> up.value() == 1)
                    && s.find("kong_node_info").size() == 2
                    && !s.find("kong_upstream_target_health").isEmpty()
                    && s.find("kong_cluster_known_nodes").stream().anyMatch(known -> known.value() == 6));
            String nodeMetrics = families(scrape.text());
            lint(nodeMetrics);
            String actual = masked(nodeMetrics);
            Path golden = Fixtures.projectRoot().resolve("exporter/src/test/resources/golden/nodes-" + naming + ".prom");
            if (Boolean.getBoolean("golden.update")) {
                Files.writeString(golden, actual);
            }
            assertThat(golden).as("golden file; create it with -Dgolden.update=true").exists();
            assertThat(actual).isEqualTo(Files.readString(golden));
        }
    }

    /** Kong 3.9 as a control plane: data planes seen 3 s, 17 s and 10 min ago (live, live, known), one upstream with two targets. */
    static FakeKongNode controlPlane() {
        long now = Instant.now().getEpochSecond();
        String root = new String(Fixtures.adminApi("root-3.9.json"), StandardCharsets.UTF_8)
                .replace("\"role\": \"traditional\"", "\"role\": \"control_plane\"");
        String planes = new String(Fixtures.adminApi("clustering-data-planes-3.9.json"), StandardCharsets.UTF_8)
                .replace("1750156805", Long.toString(now - 3)).replace("1750156791", Long.toString(now - 17))
                .replace("1750150211", Long.toString(now - 600));
        return new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-postgres-unit-b.json"))
                .serve("/", root.getBytes(StandardCharsets.UTF_8))
                .serve("/clustering/data-planes", planes.getBytes(StandardCharsets.UTF_8))
                .serve("/upstreams", "{\"data\":[{\"id\":\"u1\",\"name\":\"orders\"}],\"next\":null}".getBytes())
                .serve("/upstreams/orders/health", """
                        {"data":[{"target":"10.0.1.5:8080","health":"HEALTHY","data":{"addresses":[
                          {"ip":"10.0.1.5","port":8080,"health":"HEALTHY","weight":100}]}},
                        {"target":"10.0.1.6:8080","health":"UNHEALTHY","data":{"addresses":[
                          {"ip":"10.0.1.6","port":8080,"health":"UNHEALTHY","weight":100}]}}],"next":null}""".getBytes());
    }

    /** The HELP/TYPE/sample blocks of the node metric families, in scrape order. */
    private static String families(String text) {
        StringBuilder out = new StringBuilder();
        boolean keep = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String name = line.substring("# HELP ".length(), line.indexOf(' ', "# HELP ".length()));
                keep = NODE_FAMILIES.contains(name) || NODE_FAMILIES.contains(name + "_total") || NODE_FAMILIES.contains(name + "_info");
            }
            if (keep) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String masked(String text) {
        StringBuilder out = new StringBuilder();
        Pattern sample = Pattern.compile("^([a-z_]+)(\\{.*\\})? (\\S+)$");
        for (String line : text.split("\n")) {
            Matcher m = sample.matcher(line);
            if (m.matches() && MASKED.contains(m.group(1))) {
                line = m.group(1) + (m.group(2) == null ? "" : m.group(2)) + " NaN";
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static void lint(String text) throws IOException, InterruptedException {
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("promtool output").isEmpty();
        assertThat(promtool.exitValue()).isZero();
    }
}
