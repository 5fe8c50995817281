package io.kongexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigLoader;
import io.kongexporter.config.ExporterConfig;
import io.kongexporter.config.IngestConfig;
import io.kongexporter.config.KongConfig;
import io.kongexporter.config.ListenAddress;
import io.kongexporter.config.MetricsConfig;
import io.kongexporter.config.NodeConfig;
import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.Scrape;
import io.kongexporter.support.SseSubscriber;
import io.kongfixtures.Fixtures;
import io.kongsimulator.DemoCluster;
import io.kongsimulator.KongSimulator;
import io.kongsimulator.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --demo} and the Kong simulator (module kong-simulator, a test dependency): the simulated nodes polled by a real
 * exporter, their traffic turned into metrics, the flapping node flapping, and configured keys kept by {@code --demo}.
 */
class DemoModeTest {

    @Test
    void with_demo_the_exporter_polls_the_simulators_nodes_at_their_well_known_ports_and_turns_its_traffic_into_metrics_and_live_events()
            throws Exception {
        ExporterConfig base = ConfigLoader.load(Map.of(), CommandLine.parse("--listen=127.0.0.1:0", "--ingest.extra_labels=connection_type"));
        try (ExporterApp app = ExporterApp.start(LoopbackNodes.addTo(base));
             KongSimulator simulator = KongSimulator.start(SimulatorOptions.parse("--logs-url=http://127.0.0.1:" + app.port() + "/logs"))) {
            SseSubscriber sse = SseSubscriber.connect(URI.create("http://127.0.0.1:" + app.port() + "/events?topics=traffic"));
            var traffic = sse.await(Duration.ofSeconds(10), e -> e.name().equals("traffic"));
            sse.close();
            assertThat(traffic).as("a live traffic event from the simulator").isNotNull();
            HttpClient client = HttpClient.newHttpClient();
            URI metrics = URI.create("http://127.0.0.1:" + app.port() + "/metrics");
            Scrape s = new Scrape(client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body());
            Instant deadline = Instant.now().plusSeconds(10);
            while (s.find("kong_up").stream().anyMatch(up -> up.value() != 1.0) && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                s = new Scrape(client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body());
            }
            assertThat(s.find("kong_up")).as("every simulated node polled and up")
                    .extracting(up -> up.labels().get("node") + "=" + up.value())
                    .containsExactlyInAnyOrder("demo-kong-1=1.0", "demo-kong-2=1.0", "demo-kong-3=1.0");
            assertThat(simulator.nodes()).extracting(node -> node.url().toString())
                    .containsExactlyElementsOf(LoopbackNodes.NODES.stream().map(node -> node.url().toString()).toList());
            assertThat(s.find("kong_upstream_target_health")).as("--demo turns kong.upstream_health on").isNotEmpty();
            assertThat(s.find("kong_http_requests_total").stream().map(x -> x.labels().get("service")).distinct().count()).isGreaterThan(3);
            assertThat(s.find("kong_http_consumer_requests_total")).isNotEmpty();
            assertThat(s.find("kong_request_latency_seconds_count")).isNotEmpty();
            assertThat(s.value("kong_exporter_log_entries_total", "result", "invalid")).contains(0.0);
        }
    }

    @Test
    void the_exporter_shows_every_simulated_node_and_sees_the_flapping_one_go_down_and_come_back_restarted() throws Exception {
        try (DemoCluster cluster = DemoCluster.start(Duration.ofSeconds(3), Duration.ofMillis(1500))) {
            List<NodeConfig> nodes = cluster.nodes().stream().map(n -> new NodeConfig(n.name(), n.url())).toList();
            ExporterConfig config = new ExporterConfig(new ListenAddress("127.0.0.1", 0),
                    new KongConfig(nodes, Duration.ofMillis(250), Duration.ofMillis(200), Duration.ofSeconds(1), true),
                    IngestConfig.defaults(),
                    MetricsConfig.defaults(), io.kongexporter.config.LiveConfig.defaults(), io.kongexporter.config.WebConfig.none(),
                    io.kongexporter.config.LogConfig.defaults(), io.kongexporter.config.SocketsConfig.defaults());
            try (ExporterApp app = ExporterApp.start(config)) {
                HttpClient client = HttpClient.newHttpClient();
                URI metrics = URI.create("http://127.0.0.1:" + app.port() + "/metrics");
                boolean sawDown = false;
                String firstId = null;
                String lastId = null;
                Scrape last = null;
                Instant deadline = Instant.now().plusSeconds(12);
                while (Instant.now().isBefore(deadline)) {
                    last = new Scrape(client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body());
                    var info = last.find("kong_node_info", "node", "demo-kong-3");
                    if (!info.isEmpty()) {
                        lastId = info.get(0).labels().get("node_id");
                        firstId = firstId == null ? lastId : firstId;
                    }
                    sawDown |= last.value("kong_up", "node", "demo-kong-3").orElse(1.0) == 0.0;
                    if (sawDown && lastId != null && !lastId.equals(firstId) && last.value("kong_up", "node", "demo-kong-3").orElse(0.0) == 1.0) {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertThat(sawDown).as("demo-kong-3 went down").isTrue();
                assertThat(lastId).as("demo-kong-3 came back as a restarted node").isNotEqualTo(firstId);
                assertThat(last.value("kong_up", "node", "demo-kong-1")).contains(1.0);
                assertThat(last.find("kong_node_info", "version", "2.8.4")).hasSize(1);
                assertThat(last.find("kong_node_info", "version", "3.9.1")).hasSize(2);
                assertThat(last.find("kong_data_plane_last_seen_timestamp_seconds")).isNotEmpty();
                assertThat(last.find("kong_upstream_target_health")).isNotEmpty();
                assertThat(last.find("kong_config_hash_info", "node", "demo-kong-1")).hasSize(1);
            }
        }
    }

    @Test
    void demo_mode_adds_the_simulated_nodes_and_keeps_a_configured_probe_target() throws Exception {
        try (FakeKongNode discovered = new FakeKongNode().serveStatus(Fixtures.adminApi("status-2.8-postgres.json"))) {
            String target = "127.0.0.1:" + discovered.url().getPort();
            ExporterConfig configured = ConfigLoader.load(Map.of("KONG_EXPORTER_KONG_PROBE_TARGETS", "127\\.0\\.0\\.1:" + discovered.url().getPort()),
                    CommandLine.parse("--listen=127.0.0.1:0", "--demo"));
            try (ExporterApp app = ExporterApp.start(LoopbackNodes.addTo(configured))) {
                HttpClient client = HttpClient.newHttpClient();
                HttpResponse<String> probe = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/probe?target=" + target)).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(probe.statusCode()).as(probe.body()).isEqualTo(200);
                assertThat(new Scrape(probe.body()).value("kong_up", "node", target)).contains(1.0);
                Scrape metrics = new Scrape(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(metrics.find("kong_up")).extracting(sample -> sample.labels().get("node"))
                        .containsExactlyInAnyOrder("demo-kong-1", "demo-kong-2", "demo-kong-3");
            }
        }
    }
}
