package io.kongexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scenario that exercises every node metric (a control plane with data planes and upstream health, a DB-less
 * node), scraped for real: promtool lint, content negotiation, and the README metric table.
 */
class ExpositionTest {
    private static FakeKongNode controlPlane;
    private static FakeKongNode dbless;
    private static RunningExporter exporter;
    private static Scrape scrape;

    @BeforeAll
    static void start() {
        long now = Instant.now().getEpochSecond();
        String root = new String(Fixtures.adminApi("root-3.9.json"), StandardCharsets.UTF_8)
                .replace("\"role\": \"traditional\"", "\"role\": \"control_plane\"");
        String planes = new String(Fixtures.adminApi("clustering-data-planes-3.9.json"), StandardCharsets.UTF_8)
                .replace("1750156805", Long.toString(now - 3)).replace("1750156791", Long.toString(now - 10));
        controlPlane = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-postgres-unit-b.json"))
                .serve("/", root.getBytes(StandardCharsets.UTF_8))
                .serve("/clustering/data-planes", planes.getBytes(StandardCharsets.UTF_8))
                .serve("/certificates", Fixtures.adminApi("certificates-3.9.json"))
                .serve("/certificates?offset=WyI4YjYxYjZhNi0zYzJlLTRhYWQtOWQxZi01ZjJhMGM3ZTRiOTEiXQ", Fixtures.adminApi("certificates-3.9-page-2.json"))
                .serve("/upstreams", "{\"data\":[{\"id\":\"u1\",\"name\":\"orders\"}],\"next\":null}".getBytes())
                .serve("/upstreams/orders/health", """
                        {"data":[{"target":"10.0.1.5:8080","health":"HEALTHY","data":{"addresses":[
                          {"ip":"10.0.1.5","port":8080,"health":"HEALTHY","weight":100}]}}],"next":null}""".getBytes());
        dbless = new FakeKongNode().serveStatus(Fixtures.adminApi("status-2.8-dbless.json")).serve("/", Fixtures.adminApi("root-2.8.json"))
                .serve("/status/ready", Fixtures.adminApi("status-ready-200.json"));
        exporter = RunningExporter.start(Map.of(
                "KONG_EXPORTER_KONG_NODES", "cp=" + controlPlane.url() + ",dbless=" + dbless.url(),
                "KONG_EXPORTER_KONG_POLL_INTERVAL", "300ms",
                "KONG_EXPORTER_KONG_TIMEOUT", "250ms",
                "KONG_EXPORTER_KONG_UPSTREAM_HEALTH", "true",
                "KONG_EXPORTER_KONG_CERTIFICATES", "true",
                // the socket listeners register their metrics only when on (any free port)
                "KONG_EXPORTER_INGEST_TCP_LISTEN", "127.0.0.1:0",
                "KONG_EXPORTER_INGEST_UDP_LISTEN", "127.0.0.1:0",
                "KONG_EXPORTER_INGEST_SYSLOG_LISTEN", "127.0.0.1:0"));
        for (String file : new String[] {"batch-3.9-five-entries.wire.json", "entry-3.9-stream-tcp-session.json",
                "entry-3.9-websocket-custom-fields.json", "entry-3.9-ai-proxy-openai-chat.json"}) {
            exporter.post("/logs", Fixtures.httpLog(file));
        }
        scrape = exporter.awaitScrape(Duration.ofSeconds(10), s -> !s.find("kong_upstream_target_health").isEmpty()
                && !s.find("kong_data_plane_last_seen_timestamp_seconds").isEmpty()
                && !s.find("kong_config_hash_info").isEmpty()
                && !s.find("kong_node_info", "node", "dbless").isEmpty() && !s.find("kong_node_ready").isEmpty()
                && !s.find("kong_certificate_expiry_timestamp_seconds").isEmpty());
    }

    @AfterAll
    static void stop() {
        exporter.close();
        controlPlane.close();
        dbless.close();
    }

    @Test
    void promtool_check_metrics_reports_nothing_on_a_real_scrape() throws Exception {
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(scrape.text().getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("promtool output").isEmpty();
        assertThat(promtool.exitValue()).isZero();
    }

    @Test
    void serves_openmetrics_when_asked_and_the_text_format_by_default() {
        var openMetrics = exporter.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(openMetrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/openmetrics-text");
        assertThat(openMetrics.body()).contains("# TYPE kong_node info").contains("kong_up{node=\"cp\"} 1").endsWith("# EOF\n");
        var text = exporter.get("/metrics");
        assertThat(text.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    }

    @Test
    void compresses_with_gzip_and_filters_by_name() throws IOException {
        var gzip = exporter.getBytes("/metrics?name[]=kong_up", "Accept-Encoding", "gzip");
        assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(new Scrape(gunzip(gzip.body())).names()).containsExactly("kong_up");
        var filtered = exporter.get("/metrics?name[]=kong_up&name[]=kong_cluster_live_nodes");
        assertThat(new Scrape(filtered.body()).names()).containsExactly("kong_cluster_live_nodes", "kong_up");
    }

    @Test
    void every_metric_in_the_readme_table_is_in_a_live_scrape_with_its_type_and_labels() throws IOException {
        Map<String, Row> table = readmeTable();
        assertThat(table).isNotEmpty();
        Map<String, String> types = types(scrape.text());
        for (Row row : table.values()) {
            String sample = row.type().equals("histogram") ? row.name() + "_count" : row.name();
            assertThat(scrape.find(sample)).as("samples of %s", row.name()).isNotEmpty();
            String expectedType = row.type().equals("info") ? "gauge" : row.type();
            String family = row.type().equals("counter") ? row.name().replaceAll("_total$", "") : row.name();
            assertThat(types.getOrDefault(family, types.get(row.name()))).as("type of %s", row.name()).isEqualTo(expectedType);
            scrape.find(sample).forEach(s -> assertThat(s.labels().keySet()).as("labels of %s", row.name())
                    .containsExactlyInAnyOrderElementsOf(row.labels()));
        }
        Set<String> exported = new TreeSet<>();
        scrape.names().stream().filter(n -> n.startsWith("kong_"))
                .map(n -> table.containsKey(n) ? n : n.replaceAll("_(bucket|count|sum)$", "")).forEach(exported::add);
        assertThat(table.keySet()).as("README table lists every kong_ metric exported").containsAll(exported);
    }

    record Row(String name, String type, Set<String> labels) {}

    static Map<String, Row> readmeTable() throws IOException {
        String readme = Files.readString(Fixtures.projectRoot().resolve("README.md"));
        int start = readme.indexOf("<!-- metric-table:start");
        int end = readme.indexOf("<!-- metric-table:end");
        Map<String, Row> rows = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `([a-z_]+)` \\| (\\w+) \\|([^|]*)\\|", Pattern.MULTILINE);
        Matcher m = row.matcher(readme.substring(start, end));
        while (m.find()) {
            Set<String> labels = new TreeSet<>();
            Matcher label = Pattern.compile("`([a-z_]+)`").matcher(m.group(3));
            while (label.find()) {
                labels.add(label.group(1));
            }
            rows.put(m.group(1), new Row(m.group(1), m.group(2), labels));
        }
        return rows;
    }

    static Map<String, String> types(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            types.put(m.group(1), m.group(2));
        }
        return types;
    }

    static String gunzip(byte[] bytes) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
