package io.kongexporter.status.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /status/ready} (Kong 3.3+, {@code kong/status/ready.lua}: 200 ready, 503 not), nginx timers from {@code GET /},
 * a data plane's config hash, and {@code kong_datastore_reachable} on DB-less nodes as Kong's plugin reports it
 * ({@code kong/plugins/prometheus/exporter.lua} sets it from {@code kong.db.connector:connect()}, which always succeeds
 * with {@code database = off}: {@code kong/db/strategies/off/connector.lua}), from real polls of fake nodes.
 */
class NodeReadinessAndParityTest {

    @Test
    void readiness_is_1_for_200_0_for_503_and_absent_where_status_ready_is_not_served() {
        try (FakeKongNode ready = dbLess().serve("/status/ready", Fixtures.adminApi("status-ready-200.json"));
             FakeKongNode draining = dbLess().serve("/status/ready", 503, Fixtures.adminApi("status-ready-503-draining.json"));
             FakeKongNode old = dbLess();
             RunningExporter exporter = start("default", "ready=" + ready.url() + ",draining=" + draining.url() + ",old=" + old.url())) {
            Scrape scrape = exporter.awaitScrape(Duration.ofSeconds(10), s -> s.find("kong_node_ready").size() == 2 && s.find("kong_node_info").size() == 3);
            assertThat(scrape.value("kong_node_ready", "node", "ready")).contains(1.0);
            assertThat(scrape.value("kong_node_ready", "node", "draining")).contains(0.0);
            assertThat(scrape.find("kong_node_ready", "node", "old")).isEmpty();
        }
    }

    @Test
    void nginx_timers_come_from_get_root_in_both_namings() {
        for (String naming : new String[] {"default", "kong-plugin"}) {
            try (FakeKongNode node = dbLess(); RunningExporter exporter = start(naming, "n=" + node.url())) {
                Scrape scrape = exporter.awaitScrape(Duration.ofSeconds(10), s -> !s.find("kong_nginx_timers").isEmpty());
                assertThat(scrape.value("kong_nginx_timers", "state", "pending")).as(naming).contains(6.0);
                assertThat(scrape.value("kong_nginx_timers", "state", "running")).as(naming).contains(0.0);
            }
        }
    }

    @Test
    void a_db_less_node_is_datastore_reachable_in_the_plugin_naming_and_absent_in_the_default() {
        try (FakeKongNode node = dbLess(); RunningExporter plugin = start("kong-plugin", "n=" + node.url());
             RunningExporter standard = start("default", "n=" + node.url())) {
            Scrape pluginScrape = plugin.awaitScrape(Duration.ofSeconds(10), s -> !s.find("kong_node_info").isEmpty());
            assertThat(pluginScrape.find("kong_datastore_reachable")).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
            Scrape defaultScrape = standard.awaitScrape(Duration.ofSeconds(10), s -> !s.find("kong_node_info").isEmpty());
            assertThat(defaultScrape.find("kong_datastore_reachable")).isEmpty();
        }
    }

    @Test
    void the_default_naming_exposes_each_data_planes_config_hash() {
        try (FakeKongNode cp = NodeGoldenScrapeTest.controlPlane();
             RunningExporter exporter = start("default", "cp=" + cp.url())) {
            Scrape scrape = exporter.awaitScrape(Duration.ofSeconds(10), s -> !s.find("kong_data_plane_config_hash_info").isEmpty());
            var planes = Fixtures.adminApiJson("clustering-data-planes-3.9.json").get("data");
            assertThat(scrape.find("kong_data_plane_config_hash_info")).hasSize(planes.size());
            var first = planes.get(0);
            assertThat(scrape.value("kong_data_plane_config_hash_info", "node_id", first.get("id").asText(),
                    "hash", first.get("config_hash").asText())).contains(1.0);
        }
    }

    private static FakeKongNode dbLess() {
        return new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-dbless.json")).serve("/", Fixtures.adminApi("root-3.9.json"));
    }

    private static RunningExporter start(String naming, String nodes) {
        return RunningExporter.start(Map.of("KONG_EXPORTER_KONG_NODES", nodes, "KONG_EXPORTER_KONG_POLL_INTERVAL", "300ms",
                "KONG_EXPORTER_KONG_TIMEOUT", "250ms"), "--metrics.naming=" + naming);
    }
}
