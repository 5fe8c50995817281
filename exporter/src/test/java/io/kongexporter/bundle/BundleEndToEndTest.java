package io.kongexporter.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kongexporter.ExporterApp;
import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigLoader;
import io.kongexporter.config.ExporterConfig;
import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import io.kongexporter.support.ManagedProcess;
import io.kongexporter.support.Scrape;
import io.kongexporter.support.SseSubscriber;
import io.kongfixtures.Fixtures;
import io.kongsimulator.DemoCluster;
import io.kongsimulator.TrafficGenerator;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The bundle end to end, all on loopback: the exporter with the demo's simulated nodes and traffic, a real
 * Prometheus (Debian {@code prometheus}) loading a test copy of the shipped rules and scraping every second, and a
 * real Alertmanager (Debian {@code prometheus-alertmanager}) posting to the exporter's webhook.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BundleEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Metric names: the exporter's own prefixes, not part of a recording rule name (those have colons). */
    private static final Pattern METRIC = Pattern.compile("(?<![:\\w\"|=~])((?:kong|jvm|process)_[A-Za-z0-9_]*[A-Za-z0-9])(?![:\\w(*])");

    private Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> running = new ArrayList<>();
    private DemoCluster demo;
    private ExporterApp exporter;
    private SseSubscriber alerts;
    private int prometheusPort;
    private int alertmanagerPort;
    private ManagedProcess prometheus;
    private ManagedProcess alertmanager;

    @BeforeAll
    void startEverything() throws Exception {
        dir = Files.createTempDirectory("kong-exporter-e2e");
        demo = track(DemoCluster.start(Duration.ofSeconds(40), Duration.ofSeconds(25)));
        List<NodeConfig> nodes = demo.nodes().stream().map(n -> new NodeConfig(n.name(), n.url())).toList();
        ExporterConfig base = ConfigLoader.load(Map.of(), CommandLine.parse("--listen=127.0.0.1:0", "--ingest.extra_labels=connection_type",
                "--kong.poll_interval=1s", "--kong.timeout=800ms", "--kong.heartbeat_window=5s"));
        KongConfig kong = base.kong();
        exporter = track(ExporterApp.start(base.withKong(new KongConfig(nodes, kong.pollInterval(), kong.timeout(), kong.heartbeatWindow(), true))));
        track(TrafficGenerator.start(URI.create("http://127.0.0.1:" + exporter.port() + "/logs"), Optional.empty(),
                demo.nodes().stream().map(n -> n.name()).toList(), 60, 20));
        alerts = track(SseSubscriber.connect(URI.create("http://127.0.0.1:" + exporter.port() + "/events?topics=alerts")));

        alertmanagerPort = ManagedProcess.freePort();
        Path amConfig = dir.resolve("alertmanager.yml");
        Files.writeString(amConfig, """
                route:
                  receiver: kong-exporter
                  group_by: [alertname, node]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: kong-exporter
                    webhook_configs:
                      - url: http://127.0.0.1:%d/alerts/webhook
                        send_resolved: true
                """.formatted(exporter.port()));
        alertmanager = track(ManagedProcess.start(target("alertmanager.log"), List.of("prometheus-alertmanager",
                "--config.file=" + amConfig, "--storage.path=" + dir.resolve("am-data"),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address=")));

        prometheusPort = ManagedProcess.freePort();
        Path rules = dir.resolve("kong.rules.test.yml");
        Files.writeString(rules, shortForDurations(Files.readString(Fixtures.projectRoot().resolve("alert-rules/kong.rules.yml"))));
        Path promConfig = dir.resolve("prometheus.yml");
        Files.writeString(promConfig, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: [%s]
                alerting:
                  alertmanagers:
                    - static_configs: [{targets: ['127.0.0.1:%d']}]
                scrape_configs:
                  - job_name: kong-exporter
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(rules, alertmanagerPort, exporter.port()));
        prometheus = track(ManagedProcess.start(target("prometheus.log"), List.of("prometheus",
                "--config.file=" + promConfig, "--storage.tsdb.path=" + dir.resolve("prom-data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort)));
        awaitUp("http://127.0.0.1:" + prometheusPort + "/-/ready", prometheus);
        awaitUp("http://127.0.0.1:" + alertmanagerPort + "/-/ready", alertmanager);
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void every_query_of_every_panel_of_every_dashboard_returns_data() throws Exception {
        Map<String, String> queries = dashboardQueries();
        assertThat(queries).isNotEmpty();
        Map<String, String> empty = new TreeMap<>(queries);
        Instant deadline = Instant.now().plusSeconds(90);
        while (!empty.isEmpty() && Instant.now().isBefore(deadline)) {
            empty.entrySet().removeIf(q -> hasData(q.getValue()));
            if (!empty.isEmpty()) {
                Thread.sleep(2000);
            }
        }
        assertThat(empty).as("panel queries without data after 90 s of demo traffic").isEmpty();
    }

    /** Metrics the bundle uses that the demo's simulated nodes cannot produce, and why. */
    private static final Map<String, String> CONDITIONAL = Map.of(
            "kong_node_ready", "only for nodes polled on Kong 3.3+'s Status API (/status/ready); the demo polls Admin APIs",
            "kong_certificate_expiry_timestamp_seconds", "only with kong.certificates: true (an opt-in Admin API poll)");

    @Test
    @Order(2)
    void every_metric_used_by_dashboards_and_rules_exists_in_a_real_scrape() throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline) && new Scrape(get("http://127.0.0.1:" + exporter.port() + "/metrics")).find("kong_http_requests_total").isEmpty()) {
            Thread.sleep(500);
        }
        Scrape scrape = new Scrape(get("http://127.0.0.1:" + exporter.port() + "/metrics"));
        Set<String> used = new TreeSet<>();
        dashboardQueries().values().forEach(expr -> used.addAll(metricNames(expr)));
        for (JsonNode group : YAML.readTree(Fixtures.projectRoot().resolve("alert-rules/kong.rules.yml").toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                used.addAll(metricNames(rule.path("expr").asText("")));
            }
        }
        assertThat(used).isNotEmpty();
        Set<String> missing = new TreeSet<>(used);
        missing.removeIf(name -> Stream.of("", "_total", "_bucket", "_count").anyMatch(suffix -> scrape.names().contains(name + suffix)));
        // Exported only where the demo cannot show them; ExpositionTest scrapes them from a fake Kong that serves
        // /status/ready and /certificates, against the README's metric table.
        String readme = Files.readString(Fixtures.projectRoot().resolve("README.md"));
        for (Map.Entry<String, String> conditional : CONDITIONAL.entrySet()) {
            assertThat(readme).as(conditional.getKey() + " in the README metric table").contains("| `" + conditional.getKey() + "` |");
            missing.remove(conditional.getKey());
        }
        assertThat(missing).as("metric names used by the bundle that the exporter does not export").isEmpty();
    }

    @Test
    @Order(3)
    void promtool_check_metrics_is_clean_on_the_demos_live_output() throws Exception {
        String text = get("http://127.0.0.1:" + exporter.port() + "/metrics");
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEmpty();
    }

    @Test
    @Order(4)
    void the_flapping_node_fires_node_down_through_prometheus_and_alertmanager_to_the_live_stream_and_resolves() throws Exception {
        SseSubscriber.Event firing = alerts.await(Duration.ofSeconds(90), e -> isNodeDown(e, "firing"));
        assertThat(firing).as("KongNodeDown for demo-kong-3 firing on the SSE alerts topic; prometheus log:%n%s", prometheus.log()).isNotNull();
        assertThat(query("ALERTS{alertname=\"KongNodeDown\",node=\"demo-kong-3\"}")).isNotEmpty();
        JsonNode inAlertmanager = JSON.readTree(get("http://127.0.0.1:" + alertmanagerPort + "/api/v2/alerts?filter=alertname%3D%22KongNodeDown%22"));
        assertThat(inAlertmanager).as("alert in Alertmanager").isNotEmpty();
        assertThat(JSON.readTree(get("http://127.0.0.1:" + exporter.port() + "/api/alerts")).get("alerts").toString()).contains("KongNodeDown");

        SseSubscriber.Event resolved = alerts.await(Duration.ofSeconds(90), e -> isNodeDown(e, "resolved"));
        assertThat(resolved).as("KongNodeDown resolved when the node came back").isNotNull();
    }

    private static boolean isNodeDown(SseSubscriber.Event e, String status) {
        try {
            JsonNode data = JSON.readTree(e.data());
            return data.path("labels").path("alertname").asText().equals("KongNodeDown")
                    && data.path("labels").path("node").asText().equals("demo-kong-3")
                    && data.path("status").asText().equals(status);
        } catch (Exception ex) {
            return false;
        }
    }

    /** A copy of the shipped rules with every {@code for:} shortened to 2s, so alerts fire within the test. */
    static String shortForDurations(String rules) {
        return rules.replaceAll("(?m)^(\\s*)for:\\s*\\S+\\s*$", "$1for: 2s");
    }

    /** Every panel target's expr, with template variables replaced by regex wildcards or fixed intervals. */
    private Map<String, String> dashboardQueries() throws Exception {
        Map<String, String> queries = new TreeMap<>();
        try (Stream<Path> files = Files.list(Fixtures.projectRoot().resolve("grafana-dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                collectTargets(file.getFileName().toString(), dashboard.path("panels"), variables(dashboard), queries);
            }
        }
        return queries;
    }

    private static void collectTargets(String where, JsonNode panels, Map<String, String> variables, Map<String, String> out) {
        for (JsonNode panel : panels) {
            collectTargets(where, panel.path("panels"), variables, out);
            int i = 0;
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isBlank() && !target.path("hide").asBoolean(false)) {
                    out.put(where + " / " + panel.path("title").asText() + " #" + (i++), substitute(expr, variables));
                }
            }
        }
    }

    /** Each template variable's value as the dashboard opens: "All" (its regex) where it has one, else its current value. */
    static Map<String, String> variables(JsonNode dashboard) {
        Map<String, String> values = new TreeMap<>();
        values.put("__rate_interval", "1m");
        values.put("__interval", "15s");
        values.put("__range", "5m");
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String name = variable.path("name").asText();
            JsonNode current = variable.path("current").path("value");
            String value = variable.path("includeAll").asBoolean(false) ? variable.path("allValue").asText(".*")
                    : current.isArray() ? current.path(0).asText(".*") : current.asText(".*");
            values.put(name, value.isEmpty() || value.equals("$__all") ? ".*" : value);
        }
        return values;
    }

    static String substitute(String expr, Map<String, String> variables) {
        String result = expr;
        List<String> names = new ArrayList<>(variables.keySet());
        names.sort(java.util.Comparator.comparingInt(String::length).reversed());
        for (String name : names) {
            String value = variables.get(name);
            result = result.replaceAll("\\$\\{" + Pattern.quote(name) + "(:[a-z]+)?}", Matcher.quoteReplacement(value))
                    .replace("$" + name, value);
        }
        return result;
    }

    static Set<String> metricNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private boolean hasData(String promql) {
        try {
            return !query(promql).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private JsonNode query(String promql) throws Exception {
        JsonNode answer = JSON.readTree(get("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
        if (!answer.path("status").asText().equals("success")) {
            throw new AssertionError("query failed: " + promql + ": " + answer);
        }
        JsonNode result = answer.path("data").path("result");
        return result.isArray() ? result : JSON.createArrayNode();
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitUp(String url, ManagedProcess process) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            assertThat(process.alive()).as("process exited:%n%s", process.log()).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("not ready: " + url + "\n" + process.log());
    }

    private static Path target(String file) {
        return Fixtures.projectRoot().resolve("exporter/target/e2e").resolve(file);
    }

    private <T extends AutoCloseable> T track(T closeable) {
        running.add(closeable);
        return closeable;
    }
}
