package io.kongexporter.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kongexporter.ExporterApp;
import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigLoader;
import io.kongexporter.config.ExporterConfig;
import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import io.kongexporter.live.support.NodeClient;
import io.kongexporter.support.RunningExporter;
import io.kongfixtures.Fixtures;
import io.kongsimulator.DemoCluster;
import io.kongsimulator.TrafficGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The proof of issue 11 with third-party clients: the npm {@code eventsource} package and {@code fast-json-patch}
 * (with validation) follow {@code /events} of an exporter polling the simulator's nodes and receiving its http-log
 * traffic, for about a minute, through a proxy the client cuts five times, while the exporter is restarted once on the
 * same port and Alertmanager posts its webhook. The client ({@code src/test/node/stream-client.mjs}) prints a verdict.
 */
@Timeout(120)
class LiveStreamClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENT = Fixtures.projectRoot().resolve("exporter/src/test/node");
    private static final int SECONDS = 55;
    private static final String CUTS = "6,12,18,38,45";
    private static final long RESTART_AT_MILLIS = 26_000;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void npm_eventsource_and_fast_json_patch_stay_equal_to_fresh_snapshots_through_cuts_and_a_restart() throws Exception {
        try (DemoCluster demo = DemoCluster.start(Duration.ofSeconds(40), Duration.ofSeconds(8))) {
            List<NodeConfig> nodes = demo.nodes().stream().map(n -> new NodeConfig(n.name(), n.url())).toList();
            ExporterApp first = ExporterApp.start(config(nodes, 0), 2_000);
            int port = first.port();
            ExporterApp second = null;
            boolean firstClosed = false;
            try (TrafficGenerator traffic = TrafficGenerator.start(URI.create("http://127.0.0.1:" + port + "/logs"), Optional.empty(),
                    demo.nodes().stream().map(n -> n.name()).toList(), 60, 20);
                 NodeClient client = NodeClient.start(CLIENT, "stream-client.mjs", "--url", "http://127.0.0.1:" + port,
                         "--seconds", Integer.toString(SECONDS), "--cuts", CUTS)) {
                client.awaitLine("READY", Duration.ofSeconds(20));
                long started = System.currentTimeMillis();
                webhook(port, alert("firing", "node-down"), alert("firing", "dict-full"));
                RunningExporter.sleep(12_000);
                webhook(port, alert("firing", "upstream-5xx"));

                RunningExporter.sleep(Math.max(0, RESTART_AT_MILLIS - (System.currentTimeMillis() - started)));
                first.close();
                firstClosed = true;
                RunningExporter.sleep(1_500); // dict-full resolves meanwhile; Alertmanager cannot deliver that
                second = ExporterApp.start(config(nodes, port), 2_000);
                client.say("restarted");
                // Alertmanager's next notification of the groups still firing
                webhook(port, alert("firing", "node-down"), alert("firing", "upstream-5xx"));

                JsonNode verdict = JSON.readTree(client.awaitLine("VERDICT ", Duration.ofSeconds(SECONDS + 30)).substring("VERDICT ".length()));
                String log = client.stderr();
                Files.writeString(Fixtures.projectRoot().resolve("exporter/target/stream-client.log"), log + "\n" + verdict.toPrettyString() + "\n");
                assertThat(verdict.get("errors")).as(log).isEmpty();
                assertThat(verdict.get("patchFailures")).as("every patch applied with validation; " + log).isEmpty();
                assertThat(verdict.get("patchesApplied").asInt()).as(log).isGreaterThan(20);
                assertThat(verdict.get("trafficEvents").asInt()).as(log).isGreaterThan(30);
                assertThat(verdict.get("cutsDone").asInt()).isEqualTo(5);
                assertThat(verdict.get("opens").asInt()).as("a connection, five cuts and a restart; " + log).isGreaterThanOrEqualTo(7);
                assertThat(verdict.get("resumedWithLastEventId").asInt()).as("the library resumed by itself; " + log).isGreaterThanOrEqualTo(6);
                assertThat(verdict.get("idRegressions")).as("no id repeats or goes back, across the restart too; " + log).isEmpty();
                assertThat(verdict.get("mismatches")).as("the followed document equals fresh snapshots; " + log).isEmpty();
                assertThat(verdict.get("checks").asInt()).as(log).isGreaterThanOrEqualTo(6);
                assertThat(verdict.get("checksAfterRestart").asInt()).as(log).isGreaterThanOrEqualTo(2);
                assertThat(verdict.get("alerts")).as("alert state after the restart, without the alert that resolved meanwhile; " + log)
                        .extracting(JsonNode::asText).containsExactly("node-down", "upstream-5xx");
                assertThat(verdict.get("nodes")).extracting(JsonNode::asText).containsExactly("demo-kong-1", "demo-kong-2", "demo-kong-3");
            } finally {
                if (!firstClosed) {
                    first.close();
                }
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    private static ExporterConfig config(List<NodeConfig> nodes, int port) throws Exception {
        ExporterConfig base = ConfigLoader.load(Map.of(), CommandLine.parse("--listen=127.0.0.1:" + port, "--kong.poll_interval=1s", "--kong.timeout=800ms"));
        KongConfig kong = base.kong();
        return base.withKong(new KongConfig(nodes, kong.pollInterval(), kong.timeout(), kong.heartbeatWindow(), true));
    }

    private void webhook(int port, String... alerts) throws Exception {
        String body = "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"kong-exporter\",\"alerts\":[" + String.join(",", alerts) + "]}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alerts/webhook"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String alert(String status, String fingerprint) {
        return "{\"status\":\"" + status + "\",\"labels\":{\"alertname\":\"" + fingerprint + "\",\"severity\":\"critical\"},"
                + "\"annotations\":{\"summary\":\"" + fingerprint + "\"},\"startsAt\":\"2026-11-21T07:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                + "\"fingerprint\":\"" + fingerprint + "\"}";
    }
}
