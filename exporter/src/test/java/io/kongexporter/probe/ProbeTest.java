package io.kongexporter.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /probe?target=}: one node polled now, only configured names or allowed patterns, bounded by the scrape timeout. */
class ProbeTest {

    @Test
    void probes_a_configured_node_or_an_allowed_host_port_and_nothing_else() {
        try (FakeKongNode configured = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-dbless.json")).serve("/", Fixtures.adminApi("root-3.9.json"));
             FakeKongNode discovered = new FakeKongNode().serveStatus(Fixtures.adminApi("status-2.8-postgres.json"));
             RunningExporter exporter = RunningExporter.start(Map.of(
                     "KONG_EXPORTER_KONG_NODES", "kong-a=" + configured.url(),
                     "KONG_EXPORTER_KONG_PROBE_TARGETS", "127\\.0\\.0\\.1:" + discovered.url().getPort()))) {
            var byName = exporter.get("/probe?target=kong-a");
            assertThat(byName.statusCode()).isEqualTo(200);
            Scrape a = new Scrape(byName.body());
            assertThat(a.value("kong_up", "node", "kong-a")).contains(1.0);
            assertThat(a.value("kong_nginx_requests_total", "node", "kong-a")).contains(20577931.0);
            assertThat(a.names()).noneMatch(n -> n.startsWith("jvm_"));

            String target = "127.0.0.1:" + discovered.url().getPort();
            Scrape d = new Scrape(exporter.get("/probe?target=" + target).body());
            assertThat(d.value("kong_up", "node", target)).contains(1.0);
            assertThat(d.value("kong_datastore_reachable", "node", target)).contains(1.0);

            int before = discovered.requests().size();
            for (String forbidden : new String[] {"", "evil.example.com:8001", "127.0.0.1:22", "http://127.0.0.1:" + discovered.url().getPort() + "/admin",
                    "http://user:pw@127.0.0.1:" + discovered.url().getPort(), "https://127.0.0.1:" + discovered.url().getPort(), "169.254.169.254:80"}) {
                var answer = exporter.get("/probe?target=" + java.net.URLEncoder.encode(forbidden, java.nio.charset.StandardCharsets.UTF_8));
                assertThat(answer.statusCode()).as(forbidden).isEqualTo(400);
                assertThat(answer.body()).contains("target");
            }
            assertThat(discovered.requests()).hasSize(before);
        }
    }

    @Test
    void a_hanging_node_is_reported_down_within_the_scrape_timeout() {
        try (FakeKongNode hanging = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"));
             RunningExporter exporter = RunningExporter.start(Map.of("KONG_EXPORTER_KONG_NODES", "slow=" + hanging.url(),
                     "KONG_EXPORTER_KONG_POLL_INTERVAL", "10s", "KONG_EXPORTER_KONG_TIMEOUT", "5s"))) {
            hanging.hang();
            Instant start = Instant.now();
            var answer = exporter.get("/probe?target=slow", "X-Prometheus-Scrape-Timeout-Seconds", "2");
            Duration took = Duration.between(start, Instant.now());
            assertThat(answer.statusCode()).isEqualTo(200);
            // The budget is 1.5 s (2 s scrape timeout minus the margin); kong.timeout is 5 s. Answering well before 5 s
            // proves the scrape timeout bounds the probe, with room for a loaded machine.
            assertThat(took).as("bounded by the scrape timeout, not by kong.timeout (5 s)").isLessThan(Duration.ofMillis(4000));
            assertThat(new Scrape(answer.body()).value("kong_up", "node", "slow")).contains(0.0);
        }
    }
}
