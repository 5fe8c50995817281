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
import io.kongsimulator.DemoNode;
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
 *
 * <p>The exporter polls the demo's three Admin APIs with {@code kong.certificates} on, so each answers
 * {@code /certificates} as Kong 3.x does ({@code kong/api/endpoints.lua} pages of the entity
 * {@code kong/db/schema/entities/certificates.lua}, {@code snis} added by {@code kong/db/dao/certificates.lua}), and
 * the demo's data plane {@code demo-kong-4} on its Status API ({@code kong/status/init.lua}: {@code /status} from
 * {@code kong/api/routes/health.lua}, {@code /status/ready} from {@code kong/status/ready.lua}, no {@code GET /}).
 * So every metric a panel or a rule uses is produced here, none is exempt.
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
        List<DemoNode> polled = Stream.concat(demo.nodes().stream(), Stream.of(demo.statusApiNode())).toList();
        List<NodeConfig> nodes = polled.stream().map(n -> new NodeConfig(n.name(), n.url())).toList();
        ExporterConfig base = ConfigLoader.load(Map.of(), CommandLine.parse("--listen=127.0.0.1:0", "--ingest.extra_labels=connection_type",
                "--kong.poll_interval=1s", "--kong.timeout=800ms", "--kong.heartbeat_window=5s", "--kong.certificates=true"));
        KongConfig kong = base.kong();
        assertThat(kong.certificates()).isTrue();
        exporter = track(ExporterApp.start(base.withKong(new KongConfig(nodes, kong.pollInterval(), kong.timeout(), kong.heartbeatWindow(), true,
                List.of(), kong.certificates()))));
        track(TrafficGenerator.start(URI.create("http://127.0.0.1:" + exporter.port() + "/logs"), Optional.empty(),
                polled.stream().map(DemoNode::name).toList(), 60, 20));
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

    @Test
    @Order(2)
    void every_metric_used_by_dashboards_and_rules_exists_in_a_real_scrape() throws Exception {
        Set<String> used = new TreeSet<>();
        dashboardQueries().values().forEach(expr -> used.addAll(metricNames(expr)));
        for (JsonNode rule : rules()) {
            used.addAll(metricNames(rule.path("expr").asText("")));
        }
        used.removeIf(BundleEndToEndTest::ofAnInputTheDemoDoesNotRun);
        assertThat(used).contains("kong_node_ready", "kong_certificate_expiry_timestamp_seconds", "kong_http_requests_total");
        Set<String> missing = new TreeSet<>(used);
        Instant deadline = Instant.now().plusSeconds(30);
        do {
            Scrape scrape = new Scrape(get("http://127.0.0.1:" + exporter.port() + "/metrics"));
            missing.removeIf(name -> Stream.of("", "_total", "_bucket", "_count").anyMatch(suffix -> scrape.names().contains(name + suffix)));
        } while (!missing.isEmpty() && Instant.now().isBefore(deadline) && pause());
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

    @Test
    @Order(5)
    void every_rule_of_the_shipped_rules_evaluates_without_error_in_the_real_prometheus() throws Exception {
        int alerts = (int) rules().stream().filter(rule -> rule.has("alert")).map(rule -> rule.path("alert").asText()).distinct().count();
        assertThat(alerts).as("alert names in kong.rules.yml").isGreaterThanOrEqualTo(38);
        Map<String, String> unhealthy = new TreeMap<>();
        Instant deadline = Instant.now().plusSeconds(30);
        do {
            unhealthy.clear();
            int evaluated = 0;
            for (JsonNode group : JSON.readTree(get("http://127.0.0.1:" + prometheusPort + "/api/v1/rules")).path("data").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    evaluated++;
                    if (!rule.path("health").asText().equals("ok")) {
                        unhealthy.put(group.path("name").asText() + " / " + rule.path("name").asText(),
                                rule.path("health").asText() + " " + rule.path("lastError").asText(""));
                    }
                }
            }
            assertThat(evaluated).as("rules loaded by Prometheus").isEqualTo(rules().size());
        } while (!unhealthy.isEmpty() && Instant.now().isBefore(deadline) && pause());
        assertThat(unhealthy).as("rules that do not evaluate").isEmpty();
    }

    @Test
    @Order(6)
    void what_the_alerts_of_issue_12_read_returns_data_from_the_real_prometheus() throws Exception {
        Map<String, String> inputs = new TreeMap<>(Map.of(
                "KongNodeNotReady: /status/ready of the data plane's Status API", "kong_node_ready{node=\"demo-kong-4\"} == 1",
                "KongCertificateExpiring(Soon): days left of a certificate per SNI", "(kong_certificate_expiry_timestamp_seconds{sni=\"api.example.com\"} - time()) / 86400 > 0",
                "KongCertificateExpiring(Soon): a certificate no SNI selects", "kong_certificate_expiry_timestamp_seconds{sni=\"\"}",
                "KongDataPlaneCountDropped, KongDataPlaneStale: live data planes and their level of the last hour",
                        "job:kong_data_planes_live:count > 0 and job:kong_data_planes_live:count <= job:kong_data_planes_live:max1h_min10m",
                "KongDataPlaneOutOfSync: data planes' config hashes", "kong_data_plane_config_hash_info",
                "KongConfigHashDrift: hashes of DB-less nodes and the data plane, all-zero left out",
                        "count by (job) (count by (job, hash) (kong_config_hash_info{hash!=\"00000000000000000000000000000000\"}))",
                "KongNodeWithoutConfig: the data plane's hash", "kong_config_hash_info{node=\"demo-kong-4\"}",
                "KongAuthFailuresSpike: Kong's own 401/403 (source=kong) over 5m", "job_workspace_service:kong_http_requests_auth_failures:rate5m > 0",
                "KongAuthFailuresSpike: Kong's own 401/403 (source=kong) over 1h", "job_workspace_service:kong_http_requests_auth_failures:rate1h > 0"));
        // Each burn pair as its alert joins it (both windows' 5xx ratios and the minimum-traffic guard, on job,
        // workspace and service), with the burn thresholds at 0 so a healthy demo matches. The guard is an average
        // over the long window: the test's few minutes of traffic reach min_request_rate over 1h, not over 6h or
        // more, so there the join is checked with the guard at 0 (the 1h pair checks the guard's value).
        JsonNode config = YAML.readTree(Fixtures.projectRoot().resolve("alert-rules/config.yml").toFile());
        String minRate = config.path("min_request_rate").asText();
        for (JsonNode pair : config.path("slo").path("burn_rates")) {
            String longWindow = pair.path("long").asText();
            String shortWindow = pair.path("short").asText();
            String guard = longWindow.equals("1h") ? minRate : "0";
            inputs.put("KongErrorBudgetBurn " + longWindow + "/" + shortWindow + ": both ratios and the traffic guard (>= " + guard + " req/s)",
                    "job_workspace_service:kong_http_requests_5xx:ratio_rate" + longWindow + " >= 0"
                            + " and on (job, workspace, service) job_workspace_service:kong_http_requests_5xx:ratio_rate" + shortWindow + " >= 0"
                            + " and on (job, workspace, service) job_workspace_service:kong_http_requests:rate" + longWindow + " >= " + guard);
        }
        inputs.put("KongIngestStalled: nginx requests left without an accepted entry, and their floor of the last day",
                "job:kong_nginx_requests_unlogged:rate5m >= 0 and on (job) job:kong_nginx_requests_unlogged:rate5m_p10_1d >= 0");
        inputs.put("KongConnectionsDropped: connections accepted and not handled in 5 minutes, per node",
                "node:kong_nginx_connections_dropped:increase5m >= 0");
        assertThat(inputs).containsKey("KongErrorBudgetBurn 1h/5m: both ratios and the traffic guard (>= " + minRate + " req/s)");
        Map<String, String> empty = new TreeMap<>(inputs);
        Instant deadline = Instant.now().plusSeconds(90);
        while (!empty.isEmpty() && Instant.now().isBefore(deadline)) {
            empty.entrySet().removeIf(q -> hasData(q.getValue()));
            if (!empty.isEmpty()) {
                Thread.sleep(2000);
            }
        }
        assertThat(empty).as("alert inputs without data").isEmpty();
    }

    private List<JsonNode> rules() throws Exception {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : YAML.readTree(Fixtures.projectRoot().resolve("alert-rules/kong.rules.yml").toFile()).path("groups")) {
            group.path("rules").forEach(rules::add);
        }
        return rules;
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(500);
        return true;
    }

    /** A copy of the shipped rules with every {@code for:} shortened to 2s, so alerts fire within the test. */
    static String shortForDurations(String rules) {
        return rules.replaceAll("(?m)^(\\s*)for:\\s*\\S+\\s*$", "$1for: 2s");
    }

    /** Every panel target's expr, with template variables replaced by regex wildcards or fixed intervals. */
    /**
     * Metrics of inputs the demo does not run (a Kafka consumer group, the fleet's live topic): their panels and the
     * Kafka lag alert cannot have data here. They are checked against a live scrape where a real broker runs them
     * (KafkaIngestTest and LiveFleetTest compare the README's tables with the scrape) and by the alert's promtool tests.
     */
    static boolean ofAnInputTheDemoDoesNotRun(String nameOrQuery) {
        return nameOrQuery.contains("kong_exporter_kafka_") || nameOrQuery.contains("kong_exporter_live_fleet_");
    }

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
                if (!expr.isBlank() && !target.path("hide").asBoolean(false) && !ofAnInputTheDemoDoesNotRun(expr)) {
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
