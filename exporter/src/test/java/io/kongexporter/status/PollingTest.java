package io.kongexporter.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exporter on a free port polling fake Kong nodes that are real HTTP servers serving real Kong bodies. */
class PollingTest {
    private static final Duration INTERVAL = Duration.ofMillis(300);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void exposes_every_field_of_a_kong_3_9_node_from_a_real_scrape() {
        FakeKongNode kong = node().serveStatus(Fixtures.adminApi("status-3.9-postgres-unit-b.json"))
                .serve("/", Fixtures.adminApi("root-3.9.json"));
        RunningExporter exporter = exporter("kong-1=" + kong.url());

        Scrape s = exporter.awaitScrape(Duration.ofSeconds(5), x -> x.value("kong_node_info", "node", "kong-1").isPresent());

        assertThat(s.value("kong_up", "node", "kong-1")).contains(1.0);
        assertThat(s.value("kong_nginx_connections", "node", "kong-1", "state", "active")).contains(38.0);
        assertThat(s.value("kong_nginx_connections", "node", "kong-1", "state", "reading")).contains(0.0);
        assertThat(s.value("kong_nginx_connections", "node", "kong-1", "state", "writing")).contains(9.0);
        assertThat(s.value("kong_nginx_connections", "node", "kong-1", "state", "waiting")).contains(29.0);
        assertThat(s.value("kong_nginx_connections_accepted_total", "node", "kong-1")).contains(1304417.0);
        assertThat(s.value("kong_nginx_connections_handled_total", "node", "kong-1")).contains(1304417.0);
        assertThat(s.value("kong_nginx_requests_total", "node", "kong-1")).contains(20577931.0);
        assertThat(s.value("kong_datastore_reachable", "node", "kong-1")).contains(1.0);
        assertThat(s.value("kong_memory_lua_shared_dict_bytes", "node", "kong-1", "shared_dict", "prometheus_metrics")).contains(325058.0);
        assertThat(s.value("kong_memory_lua_shared_dict_total_bytes", "node", "kong-1", "shared_dict", "kong_core_db_cache")).contains(134217728.0);
        assertThat(s.value("kong_memory_workers_lua_vms_bytes", "node", "kong-1", "pid", "1257")).contains(64946176.0);
        assertThat(s.find("kong_node_info", "node", "kong-1", "version", "3.9.1")).singleElement()
                .satisfies(i -> assertThat(i.labels()).containsEntry("hostname", "kong-gw-7c9d5f8b6-x2kqp").containsKey("node_id"));
        assertThat(s.value("kong_cluster_live_nodes")).contains(1.0);
        assertThat(s.value("kong_cluster_known_nodes")).contains(1.0);
        assertThat(s.value("kong_node_last_seen_timestamp_seconds", "node", "kong-1").orElseThrow())
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5.0));
        assertThat(s.value("kong_exporter_poll_errors_total", "node", "kong-1", "reason", "timeout")).contains(0.0);
        assertThat(s.value("kong_exporter_circuit_breaker_state", "node", "kong-1", "state", "closed")).contains(1.0);
        assertThat(kong.requests()).allMatch(r -> r.startsWith("GET "));
    }

    @Test
    void a_dbless_node_reports_its_config_hash_and_no_datastore() {
        FakeKongNode kong = node().serveStatus(Fixtures.adminApi("status-3.9-dbless.json")).serve("/", Fixtures.adminApi("root-3.9.json"));
        RunningExporter exporter = exporter("dbless=" + kong.url());
        Scrape s = exporter.awaitScrape(Duration.ofSeconds(5), x -> x.value("kong_up", "node", "dbless").orElse(0.0) == 1.0);
        assertThat(s.value("kong_config_hash_info", "node", "dbless", "hash", "e7c4d1a95f0b3826b4f1d9c07a2e5b63")).contains(1.0);
        assertThat(s.find("kong_datastore_reachable", "node", "dbless")).isEmpty();
    }

    @Test
    void falls_back_to_plain_status_when_kong_rejects_the_unit_parameter_and_parses_mib_strings() {
        FakeKongNode kong = node()
                .serve("/status?unit=b", 400, Fixtures.adminApi("status-invalid-unit-400.json"))
                .serve("/status", Fixtures.adminApi("status-2.8-postgres.json"))
                .serve("/", Fixtures.adminApi("root-2.8.json"));
        RunningExporter exporter = exporter("old=" + kong.url());
        Scrape s = exporter.awaitScrape(Duration.ofSeconds(5), x -> x.value("kong_up", "node", "old").orElse(0.0) == 1.0);
        assertThat(s.value("kong_memory_lua_shared_dict_total_bytes", "node", "old", "shared_dict", "kong_db_cache")).contains((double) (128L << 20));
        assertThat(s.value("kong_memory_workers_lua_vms_bytes", "node", "old", "pid", "1203")).contains((double) Math.round(41.27 * 1048576));
        RunningExporter.sleep(INTERVAL.toMillis() * 2);
        assertThat(kong.requests().stream().filter(r -> r.equals("GET /status?unit=b")).count()).isEqualTo(1);
    }

    @Test
    void a_status_api_node_without_get_root_stays_up() {
        FakeKongNode dp = node().serveStatus(Fixtures.adminApi("status-3.9-data-plane.json"));
        RunningExporter exporter = exporter("dp=" + dp.url());
        RunningExporter.sleep(INTERVAL.toMillis() * 3);
        Scrape s = exporter.scrape();
        assertThat(s.value("kong_up", "node", "dp")).contains(1.0);
        assertThat(s.find("kong_node_info", "node", "dp")).isEmpty();
        assertThat(s.value("kong_exporter_poll_errors_total", "node", "dp", "reason", "http_status")).contains(0.0);
        assertThat(dp.requests().stream().filter(r -> r.equals("GET /")).count()).isEqualTo(1);
    }

    @Test
    void a_node_going_down_shows_up_0_within_two_intervals_while_the_others_stay_fresh() {
        FakeKongNode a = node().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"));
        FakeKongNode b = node().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"));
        RunningExporter exporter = exporter("a=" + a.url() + ",b=" + b.url());
        exporter.awaitScrape(Duration.ofSeconds(5), x -> x.value("kong_up", "node", "a").orElse(0.0) == 1.0
                && x.value("kong_up", "node", "b").orElse(0.0) == 1.0);

        a.goDown();
        Instant downAt = Instant.now();
        Scrape s = exporter.awaitScrape(INTERVAL.multipliedBy(2).plusMillis(250), x -> x.value("kong_up", "node", "a").orElse(1.0) == 0.0);
        assertThat(s.value("kong_up", "node", "a")).as("a is down within two intervals").contains(0.0);
        assertThat(Duration.between(downAt, Instant.now())).isLessThanOrEqualTo(INTERVAL.multipliedBy(2).plusMillis(250));
        assertThat(s.value("kong_up", "node", "b")).contains(1.0);
        assertThat(s.value("kong_cluster_live_nodes")).contains(2.0); // a is still inside its heartbeat window
        assertThat(s.value("kong_exporter_poll_errors_total", "node", "a", "reason", "connect").orElseThrow()).isGreaterThan(0);

        Scrape later = exporter.awaitScrape(Duration.ofSeconds(3), x -> x.value("kong_cluster_live_nodes").orElse(0.0) == 1.0);
        assertThat(later.value("kong_cluster_live_nodes")).as("a leaves the live count after the heartbeat window").contains(1.0);
        assertThat(later.value("kong_cluster_known_nodes")).contains(2.0);
        assertThat(Instant.now().getEpochSecond() - later.value("kong_node_last_seen_timestamp_seconds", "node", "b").orElseThrow())
                .isLessThan(2.0);
    }

    @Test
    void a_node_that_accepts_and_never_answers_does_not_delay_the_others() {
        FakeKongNode hanging = node().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"));
        hanging.hang();
        FakeKongNode healthy = node().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"));
        RunningExporter exporter = exporter("hanging=" + hanging.url() + ",healthy=" + healthy.url());

        for (int i = 0; i < 8; i++) {
            RunningExporter.sleep(INTERVAL.toMillis());
            Scrape s = exporter.scrape();
            double age = Instant.now().toEpochMilli() / 1000.0
                    - s.value("kong_node_last_seen_timestamp_seconds", "node", "healthy").orElse(0.0);
            assertThat(age).as("healthy node's data age in round " + i).isLessThan(2 * INTERVAL.toMillis() / 1000.0 + 0.1);
        }
        Scrape s = exporter.scrape();
        assertThat(s.value("kong_up", "node", "hanging")).contains(0.0);
        assertThat(s.value("kong_exporter_poll_errors_total", "node", "hanging", "reason", "timeout").orElseThrow()).isGreaterThan(0);
        assertThat(s.value("kong_exporter_circuit_breaker_state", "node", "hanging", "state", "closed")).contains(0.0);
    }

    @Test
    void a_restart_with_a_new_node_id_is_picked_up() {
        FakeKongNode kong = node().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"))
                .serve("/", Fixtures.adminApi("root-3.9.json"));
        RunningExporter exporter = exporter("kong=" + kong.url());
        Scrape before = exporter.awaitScrape(Duration.ofSeconds(5), x -> !x.find("kong_node_info", "node", "kong").isEmpty());
        String oldId = before.find("kong_node_info", "node", "kong").get(0).labels().get("node_id");

        String root = new String(Fixtures.adminApi("root-3.9.json"), StandardCharsets.UTF_8).replace(oldId, "11111111-2222-4333-8444-555555555555");
        kong.serve("/", root.getBytes(StandardCharsets.UTF_8))
                .serveStatus(Fixtures.adminApi("status-3.9-dbless-no-config-yet.json"));

        Scrape after = exporter.awaitScrape(Duration.ofSeconds(5), x -> !x.find("kong_node_info", "node_id", "11111111-2222-4333-8444-555555555555").isEmpty());
        assertThat(after.find("kong_node_info", "node", "kong")).singleElement()
                .satisfies(i -> assertThat(i.labels()).containsEntry("node_id", "11111111-2222-4333-8444-555555555555"));
        assertThat(after.value("kong_nginx_requests_total", "node", "kong")).contains(3.0);
    }

    @Test
    void a_garbage_status_body_is_a_parse_error_and_sets_up_to_0() {
        FakeKongNode kong = node().serveStatus("<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8));
        FakeKongNode good = node().serveStatus(Fixtures.adminApi("status-0.14-postgres.json"));
        RunningExporter exporter = exporter("broken=" + kong.url() + ",good=" + good.url());
        Scrape s = exporter.awaitScrape(Duration.ofSeconds(5), x -> x.value("kong_exporter_poll_errors_total", "node", "broken", "reason", "parse").orElse(0.0) > 0
                && x.value("kong_up", "node", "good").orElse(0.0) == 1.0);
        assertThat(s.value("kong_up", "node", "broken")).contains(0.0);
        assertThat(s.value("kong_exporter_poll_errors_total", "node", "broken", "reason", "parse").orElseThrow()).isGreaterThan(0);
        assertThat(s.value("kong_up", "node", "good")).contains(1.0);
        assertThat(exporter.get("/").body()).contains("broken").contains("not JSON");
    }

    @Test
    void an_http_500_is_an_http_status_error() {
        FakeKongNode kong = node().serveStatus(new byte[0]).serve("/status?unit=b", 500, "{\"message\":\"An unexpected error happened\"}".getBytes());
        RunningExporter exporter = exporter("err=" + kong.url());
        Scrape s = exporter.awaitScrape(Duration.ofSeconds(5), x -> x.value("kong_exporter_poll_errors_total", "node", "err", "reason", "http_status").orElse(0.0) > 0);
        assertThat(s.value("kong_up", "node", "err")).contains(0.0);
    }

    @Test
    void the_breaker_opens_after_repeated_failures_and_closes_when_the_node_returns() {
        FakeKongNode kong = node().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"));
        RunningExporter exporter = exporter("flaky=" + kong.url());
        exporter.awaitScrape(Duration.ofSeconds(5), x -> x.value("kong_up", "node", "flaky").orElse(0.0) == 1.0);
        kong.goDown();
        Scrape open = exporter.awaitScrape(Duration.ofSeconds(5),
                x -> x.value("kong_exporter_poll_errors_total", "node", "flaky", "reason", "circuit_open").orElse(0.0) > 0);
        assertThat(open.value("kong_exporter_circuit_breaker_state", "node", "flaky", "state", "open")).contains(1.0);
        int requestsWhileOpen = kong.requests().size();
        kong.comeBack();
        Scrape closed = exporter.awaitScrape(NodePoller.breakerOpenTime(INTERVAL).plusSeconds(3),
                x -> x.value("kong_up", "node", "flaky").orElse(0.0) == 1.0);
        assertThat(closed.value("kong_up", "node", "flaky")).contains(1.0);
        assertThat(closed.value("kong_exporter_circuit_breaker_state", "node", "flaky", "state", "closed")).contains(1.0);
        assertThat(kong.requests().size()).isGreaterThan(requestsWhileOpen);
    }

    @Test
    void a_control_plane_reports_its_data_planes_and_they_count_in_the_cluster() {
        long now = Instant.now().getEpochSecond();
        String planes = """
                {"data":[
                  {"id":"dp-1","hostname":"kong-dp-0","ip":"10.0.5.21","version":"3.9.1","sync_status":"normal","config_hash":"x","last_seen":%d},
                  {"id":"dp-2","hostname":"kong-dp-1","ip":"10.0.5.22","version":"3.9.1","sync_status":"normal","config_hash":"x","last_seen":%d}],
                 "next":"/clustering/data-planes?offset=p2"}""".formatted(now - 5, now - 20);
        String page2 = """
                {"data":[{"id":"dp-3","hostname":"kong-dp-canary","ip":"10.0.6.40","version":"3.10.0",
                  "sync_status":"kong_version_incompatible","config_hash":"0","last_seen":%d}],"next":null}""".formatted(now - 600);
        String root = new String(Fixtures.adminApi("root-3.9.json"), StandardCharsets.UTF_8)
                .replace("\"role\": \"traditional\"", "\"role\": \"control_plane\"");
        assertThat(root).contains("control_plane");
        FakeKongNode cp = node().serveStatus(Fixtures.adminApi("status-3.9-postgres-unit-b.json"))
                .serve("/", root.getBytes(StandardCharsets.UTF_8))
                .serve("/clustering/data-planes", planes.getBytes(StandardCharsets.UTF_8))
                .serve("/clustering/data-planes?offset=p2", page2.getBytes(StandardCharsets.UTF_8));
        RunningExporter exporter = exporter("cp=" + cp.url());
        Scrape s = exporter.awaitScrape(Duration.ofSeconds(5), x -> x.find("kong_data_plane_last_seen_timestamp_seconds").size() == 3);
        assertThat(s.value("kong_data_plane_last_seen_timestamp_seconds", "node_id", "dp-3", "sync_status", "kong_version_incompatible",
                "version", "3.10.0", "hostname", "kong-dp-canary")).contains((double) (now - 600));
        assertThat(s.value("kong_cluster_known_nodes")).contains(4.0);
        assertThat(s.value("kong_cluster_live_nodes")).as("cp + two DPs that pinged within the window; the canary is stale").contains(3.0);
    }

    @Test
    void upstream_target_health_is_polled_when_enabled() {
        FakeKongNode kong = node().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"))
                .serve("/", Fixtures.adminApi("root-3.9.json"))
                .serve("/upstreams", "{\"data\":[{\"id\":\"u1\",\"name\":\"orders\"}],\"next\":null}".getBytes())
                .serve("/upstreams/orders/health", """
                        {"data":[{"target":"10.0.1.5:8080","health":"UNHEALTHY","data":{"addresses":[
                          {"ip":"10.0.1.5","port":8080,"health":"UNHEALTHY","weight":100}]}}],"next":null}""".getBytes());
        RunningExporter exporter = exporter("kong=" + kong.url(), "--kong.upstream_health=true");
        Scrape s = exporter.awaitScrape(Duration.ofSeconds(5), x -> !x.find("kong_upstream_target_health").isEmpty());
        assertThat(s.value("kong_upstream_target_health", "node", "kong", "upstream", "orders", "target", "10.0.1.5:8080",
                "address", "10.0.1.5:8080", "state", "unhealthy")).contains(1.0);
        assertThat(s.value("kong_upstream_target_health", "node", "kong", "upstream", "orders", "state", "healthy")).contains(0.0);
    }

    @Test
    void health_and_readiness_endpoints_answer() {
        FakeKongNode kong = node().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"));
        RunningExporter exporter = exporter("kong=" + kong.url());
        assertThat(exporter.get("/-/healthy").statusCode()).isEqualTo(200);
        exporter.awaitScrape(Duration.ofSeconds(5), x -> x.value("kong_exporter_polls_total", "node", "kong").orElse(0.0) > 0);
        assertThat(exporter.get("/-/ready").statusCode()).isEqualTo(200);
        var notFound = exporter.get("/nope");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).contains("\"status\":404");
    }

    private FakeKongNode node() {
        FakeKongNode node = new FakeKongNode();
        open.add(node);
        return node;
    }

    private RunningExporter exporter(String nodes, String... flags) {
        RunningExporter exporter = RunningExporter.start(Map.of(
                "KONG_EXPORTER_KONG_NODES", nodes,
                "KONG_EXPORTER_KONG_POLL_INTERVAL", INTERVAL.toMillis() + "ms",
                "KONG_EXPORTER_KONG_TIMEOUT", "200ms",
                "KONG_EXPORTER_KONG_HEARTBEAT_WINDOW", "1s"), flags);
        open.add(exporter);
        return exporter;
    }
}
