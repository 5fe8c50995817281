package io.kongexporter;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigKey;
import io.kongexporter.config.ConfigLoader;
import io.kongexporter.support.FakeKongNode;
import io.kongfixtures.Fixtures;
import io.kongexporter.support.Scrape;
import io.kongexporter.support.SseSubscriber;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reload cannot drift: for every key of the README's configuration table, change it, reload, and see either the
 * behaviour change over HTTP or the key listed in the answer's {@code restartNeeded}. Each case starts its own
 * exporter polling two real fake Kong nodes.
 */
class ReloadTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dir;

    /** Observes one behaviour of a running exporter over HTTP, as a short string. */
    interface Observation {
        String observe(Harness h) throws Exception;
    }

    /**
     * One key: the flags before and after the reload, and either the observation with its expected values, or
     * {@code null} when the key must be reported as needing a restart.
     */
    record KeyCase(String key, List<String> before, List<String> after, Observation observation, String expectedBefore, String expectedAfter) {
        static KeyCase live(String key, List<String> before, List<String> after, Observation observation, String expectedBefore, String expectedAfter) {
            return new KeyCase(key, before, after, observation, expectedBefore, expectedAfter);
        }

        static KeyCase restart(String key, List<String> before, List<String> after) {
            return new KeyCase(key, before, after, null, null, null);
        }

        @Override
        public String toString() {
            return key;
        }
    }

    static Stream<KeyCase> cases() {
        return CASES.values().stream().filter(c -> !c.key().equals("metrics.series_ttl"));
    }

    static final Map<String, KeyCase> CASES = new LinkedHashMap<>();
    /** A self-signed certificate and its PKCS#8 key, for the tcp-log listener's TLS keys. */
    private static final Path[] TLS_PAIR = selfSigned();

    static {
        add(KeyCase.restart("listen", List.of(), List.of("--listen=127.0.0.1:1")));
        add(KeyCase.live("web.config.file", List.of(), List.of("--web.config.file=" + webConfigWithUser()),
                h -> Integer.toString(h.get("/metrics").statusCode()), "200", "401"));
        add(KeyCase.live("kong.nodes", List.of(), List.of("--kong.nodes=b=" + Harness.NODE_B),
                h -> "probe " + h.get("/probe?target=b").statusCode() + ", stream b " + h.streamStatus("/stream/b/status")
                        + ", stream a " + h.streamStatus("/stream/a/status") + ", live " + h.liveNodes() + ", page " + h.pageNodes(),
                "probe 400, stream b 404, stream a 200, live [a], page [a]",
                "probe 200, stream b 200, stream a 404, live [b], page [b]"));
        add(KeyCase.live("kong.poll_interval", List.of(), List.of("--kong.poll_interval=100ms", "--kong.timeout=100ms", "--kong.heartbeat_window=1s"),
                h -> h.pollsOfA(Duration.ofMillis(1500)) >= 5 ? "fast" : "slow", "slow", "fast"));
        add(KeyCase.live("kong.timeout", List.of("--kong.nodes=slow=" + Harness.SLOW), List.of("--kong.nodes=slow=" + Harness.SLOW, "--kong.timeout=900ms"),
                h -> h.awaitValue("kong_up", "node", "slow"), "0.0", "1.0"));
        add(KeyCase.live("kong.heartbeat_window", List.of("--kong.heartbeat_window=1h"), List.of("--kong.heartbeat_window=1s"),
                h -> h.clusterLiveWithADown(), "1.0", "0.0"));
        add(KeyCase.live("kong.upstream_health", List.of(), List.of("--kong.upstream_health=true"),
                h -> h.askedA("/upstreams") ? "asked" : "not asked", "not asked", "asked"));
        add(KeyCase.live("kong.certificates", List.of(), List.of("--kong.certificates=true"),
                h -> h.awaitValue("kong_exporter_certificates_not_exported", "node", "a"), "absent", "0.0"));
        add(KeyCase.live("kong.probe_targets", List.of(), List.of("--kong.probe_targets=127\\.0\\.0\\.1:" + Harness.NODE_B.getPort()),
                h -> Integer.toString(h.get("/probe?target=127.0.0.1:" + Harness.NODE_B.getPort()).statusCode()), "400", "200"));
        add(KeyCase.restart("ingest.path", List.of(), List.of("--ingest.path=/kong-logs")));
        add(KeyCase.live("ingest.token", List.of(), List.of("--ingest.token=s3cret"),
                h -> Integer.toString(h.postLogs(Harness.entries("token", 1)).statusCode()), "200", "401"));
        add(KeyCase.live("ingest.basic_auth", List.of(), List.of("--ingest.basic_auth=kong:s3cret"),
                h -> Integer.toString(h.postLogs(Harness.entries("basic", 1)).statusCode()), "200", "401"));
        add(KeyCase.live("ingest.token_file", List.of(), List.of("--ingest.token_file=" + secretFile("s3cret\n")),
                h -> Integer.toString(h.postLogs(Harness.entries("token-file", 1)).statusCode()), "200", "401"));
        add(KeyCase.live("ingest.basic_auth_file", List.of(), List.of("--ingest.basic_auth_file=" + secretFile("kong:s3cret\n")),
                h -> Integer.toString(h.postLogs(Harness.entries("basic-file", 1)).statusCode()), "200", "401"));
        add(KeyCase.live("ingest.max_body", List.of(), List.of("--ingest.max_body=1KiB"),
                h -> Integer.toString(h.postLogs(Harness.entries("body", 5)).statusCode()), "200", "413"));
        add(KeyCase.restart("ingest.extra_labels", List.of(), List.of("--ingest.extra_labels=team")));
        add(KeyCase.live("ingest.dedupe_window", List.of(), List.of("--ingest.dedupe_window=0s"),
                h -> h.duplicatesOfARepost(5), "5", "0"));
        add(KeyCase.live("ingest.dedupe_max_ids", List.of(), List.of("--ingest.dedupe_max_ids=60"),
                h -> Integer.parseInt(h.duplicatesOfARepost(100)) == 100 ? "all remembered" : "some forgotten", "all remembered", "some forgotten"));
        add(KeyCase.live("ingest.read_timeout", List.of(), List.of("--ingest.read_timeout=300ms"),
                h -> h.statusOfABodyTakingASecond(), "200", "408"));
        String kafka = "--ingest.kafka.bootstrap_servers=127.0.0.1:1";
        List<String> sasl = List.of("--ingest.kafka.sasl.mechanism=SCRAM-SHA-256", "--ingest.kafka.sasl.username=kong", "--ingest.kafka.sasl.password=s3cret");
        add(KeyCase.restart("ingest.kafka.bootstrap_servers", List.of(), List.of(kafka, "--ingest.kafka.topics=kong-log")));
        add(KeyCase.restart("ingest.kafka.topics", List.of(), List.of("--ingest.kafka.topics=kong-log")));
        add(KeyCase.restart("ingest.kafka.group_id", List.of(), List.of("--ingest.kafka.group_id=other")));
        add(KeyCase.restart("ingest.kafka.client_id", List.of(), List.of("--ingest.kafka.client_id=other")));
        add(KeyCase.restart("ingest.kafka.start_from", List.of(), List.of("--ingest.kafka.start_from=earliest")));
        add(KeyCase.restart("ingest.kafka.commit", List.of(), List.of("--ingest.kafka.commit=recorded")));
        add(KeyCase.restart("ingest.kafka.session_timeout", List.of(), List.of("--ingest.kafka.session_timeout=10s")));
        add(KeyCase.restart("ingest.kafka.tls.ca_file", List.of(), List.of("--ingest.kafka.tls.ca_file=/etc/ssl/certs/ca-certificates.crt")));
        List<String> clientCert = List.of("--ingest.kafka.tls.cert_file=/etc/kafka/client.pem", "--ingest.kafka.tls.key_file=/etc/kafka/client-key.pem");
        add(KeyCase.restart("ingest.kafka.tls.cert_file", List.of(), clientCert));
        add(KeyCase.restart("ingest.kafka.tls.key_file", List.of(), clientCert));
        add(KeyCase.restart("ingest.kafka.sasl.mechanism", List.of(), sasl));
        add(KeyCase.restart("ingest.kafka.sasl.username", List.of(), sasl));
        add(KeyCase.restart("ingest.kafka.sasl.password", List.of(), sasl));
        add(KeyCase.restart("ingest.kafka.sasl.password_file", List.of(), List.of("--ingest.kafka.sasl.mechanism=PLAIN", "--ingest.kafka.sasl.username=kong",
                "--ingest.kafka.sasl.password_file=" + secretFile("s3cret\n"))));
        String tcp = "--ingest.tcp.listen=127.0.0.1:" + Harness.TCP_PORT;
        String udp = "--ingest.udp.listen=127.0.0.1:" + Harness.UDP_PORT;
        String syslog = "--ingest.syslog.listen=127.0.0.1:" + Harness.SYSLOG_PORT;
        add(KeyCase.restart("ingest.tcp.listen", List.of(), List.of(tcp)));
        add(KeyCase.restart("ingest.tcp.tls.cert_file", List.of(tcp), List.of(tcp, "--ingest.tcp.tls.cert_file=" + TLS_PAIR[0],
                "--ingest.tcp.tls.key_file=" + TLS_PAIR[1])));
        add(KeyCase.restart("ingest.tcp.tls.key_file", List.of(tcp), List.of(tcp, "--ingest.tcp.tls.cert_file=" + TLS_PAIR[0],
                "--ingest.tcp.tls.key_file=" + TLS_PAIR[1])));
        add(KeyCase.live("ingest.tcp.max_line", List.of(tcp), List.of(tcp, "--ingest.tcp.max_line=1KiB"),
                h -> h.resultOf("kong_exporter_tcp_messages_total", () -> h.sendTcpLine(Harness.TCP_PORT)), "accepted", "too_large"));
        add(KeyCase.live("ingest.tcp.max_connections", List.of(tcp), List.of(tcp, "--ingest.tcp.max_connections=1"),
                h -> h.secondConnection(Harness.TCP_PORT), "served", "refused"));
        add(KeyCase.live("ingest.tcp.idle_timeout", List.of(tcp), List.of(tcp, "--ingest.tcp.idle_timeout=300ms"),
                h -> h.silentConnection(Harness.TCP_PORT), "open", "closed"));
        add(KeyCase.restart("ingest.udp.listen", List.of(), List.of(udp)));
        add(KeyCase.live("ingest.udp.max_message", List.of(udp), List.of(udp, "--ingest.udp.max_message=1KiB"),
                h -> h.resultOf("kong_exporter_udp_messages_total", () -> h.sendDatagram(Harness.UDP_PORT, "")), "accepted", "cut"));
        add(KeyCase.restart("ingest.syslog.listen", List.of(), List.of(syslog)));
        add(KeyCase.live("ingest.syslog.max_message", List.of(syslog), List.of(syslog, "--ingest.syslog.max_message=1KiB"),
                h -> h.resultOf("kong_exporter_syslog_messages_total", () -> h.sendDatagram(Harness.SYSLOG_PORT, "<14>Nov 29 23:00:00 dp-1 kong: ")),
                "accepted", "cut"));
        add(KeyCase.live("ingest.syslog.max_connections", List.of(syslog), List.of(syslog, "--ingest.syslog.max_connections=1"),
                h -> h.secondConnection(Harness.SYSLOG_PORT), "served", "refused"));
        add(KeyCase.live("ingest.syslog.idle_timeout", List.of(syslog), List.of(syslog, "--ingest.syslog.idle_timeout=300ms"),
                h -> h.silentConnection(Harness.SYSLOG_PORT), "open", "closed"));
        add(KeyCase.restart("live.kafka_topic", List.of(), List.of(kafka, "--ingest.kafka.topics=kong-log", "--live.kafka_topic=kong-live")));
        add(KeyCase.restart("metrics.naming", List.of(), List.of("--metrics.naming=kong-plugin")));
        add(KeyCase.restart("metrics.consumer_label", List.of(), List.of("--metrics.consumer_label=id")));
        add(KeyCase.restart("metrics.per_consumer", List.of(), List.of("--metrics.per_consumer=true")));
        add(KeyCase.restart("metrics.latency_buckets", List.of(), List.of("--metrics.latency_buckets=0.1,1")));
        add(KeyCase.live("metrics.max_series", List.of(), List.of("--metrics.max_series=10"),
                h -> h.overflowsOfNewRoutes(30) > 0 ? "overflow" : "no overflow", "no overflow", "overflow"));
        add(KeyCase.live("metrics.max_samples", List.of(), List.of("--metrics.max_samples=1000"),
                h -> h.overflowsOfNewRoutes(30) > 0 ? "overflow" : "no overflow", "no overflow", "overflow"));
        add(KeyCase.restart("metrics.latency_labels", List.of(), List.of("--metrics.latency_labels=service")));
        add(KeyCase.live("metrics.max_label_values", List.of(), List.of("--metrics.max_label_values=3"),
                h -> h.overflowsOfNewRoutes(10) > 0 ? "overflow" : "no overflow", "no overflow", "overflow"));
        add(KeyCase.live("metrics.max_label_length", List.of(), List.of("--metrics.max_label_length=64"),
                h -> h.truncationsOfA100ByteRoute() > 0 ? "truncated" : "whole", "whole", "truncated"));
        add(KeyCase.live("metrics.series_ttl", List.of(), List.of("--metrics.series_ttl=1m"),
                h -> h.routeSeriesAfterIdle(), "kept", "removed"));
        add(KeyCase.live("log.level", List.of(), List.of("--log.level=debug"),
                h -> h.logOfAnInvalidEntry().contains("skipped 1 invalid entries") ? "logged" : "not logged", "not logged", "logged"));
        add(KeyCase.live("log.format", List.of("--log.level=debug"), List.of("--log.level=debug", "--log.format=json"),
                h -> h.logOfAnInvalidEntry().startsWith("{\"time\":") ? "json" : "logfmt", "logfmt", "json"));
        add(KeyCase.live("live.max_clients", List.of(), List.of("--live.max_clients=1"),
                h -> h.secondSubscriberStatus(), "200", "503"));
        add(KeyCase.live("live.stream_paths", List.of(), List.of("--live.stream_paths=/clustering/data-planes"),
                h -> Integer.toString(h.streamStatus("/stream/a/status")), "200", "404"));
    }

    private static void add(KeyCase c) {
        CASES.put(c.key(), c);
    }

    @Test
    void the_table_covers_every_key_of_the_readme_and_of_the_loader() throws IOException {
        String readme = Files.readString(Fixtures.projectRoot().resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 5));
        Matcher row = Pattern.compile("(?m)^\\| `([a-z_.]+)` \\|").matcher(section);
        Set<String> documented = new TreeSet<>();
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertThat(documented).as("keys in the README's configuration table").hasSizeGreaterThan(15);
        assertThat(CASES.keySet()).containsAll(documented);
        assertThat(CASES.keySet()).containsAll(Arrays.stream(ConfigKey.values()).map(ConfigKey::path).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_reloaded_key_changes_behaviour_or_is_listed_as_needing_a_restart(KeyCase c) throws Exception {
        check(c);
    }

    /** Its own test: idle series go after {@code metrics.series_ttl}, whose minimum is a minute. */
    @Test
    void a_reloaded_series_ttl_removes_idle_series() throws Exception {
        check(CASES.get("metrics.series_ttl"));
    }

    private static void check(KeyCase c) throws Exception {
        try (Harness h = new Harness(c.before())) {
            String before = c.observation() == null ? null : c.observation().observe(h);
            assertThat(before).as("before the reload").isEqualTo(c.expectedBefore());
            h.flags(c.after());
            HttpResponse<String> answer = h.post("/-/reload", new byte[0]);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            List<String> restartNeeded = new ArrayList<>();
            JSON.readTree(answer.body()).path("restartNeeded").forEach(k -> restartNeeded.add(k.asText()));
            if (c.observation() == null) {
                assertThat(restartNeeded).as("a key read only at start is reported").contains(c.key());
            } else {
                assertThat(c.observation().observe(h)).as("after the reload").isEqualTo(c.expectedAfter());
                assertThat(restartNeeded).as("a key applied live is not reported").doesNotContain(c.key());
            }
        }
    }

    private static Path secretFile(String content) {
        try {
            Path file = Files.createTempFile("secret", ".txt");
            Files.writeString(file, content);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path[] selfSigned() {
        try {
            Path cert = Files.createTempFile("tcp-log", ".crt");
            Path key = Files.createTempFile("tcp-log", ".key");
            cert.toFile().deleteOnExit();
            key.toFile().deleteOnExit();
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=exporter",
                    "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
            openssl.getInputStream().readAllBytes();
            if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException("openssl failed");
            }
            return new Path[] {cert, key};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path webConfigWithUser() {
        try {
            Path file = Files.createTempFile("web-config", ".yml");
            String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
            Files.writeString(file, "basic_auth_users:\n  prometheus: '" + hash + "'\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two fake Kong nodes (a and b) and a slow one shared by all cases; an exporter started per case. */
    static final class Harness implements AutoCloseable {
        static final FakeKongNode A = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"))
                .serve("/", Fixtures.adminApi("root-3.9.json"))
                .serve("/upstreams", "{\"data\":[],\"next\":null}".getBytes(StandardCharsets.UTF_8))
                .serve("/certificates", "{\"data\":[],\"next\":null}".getBytes(StandardCharsets.UTF_8));
        static final FakeKongNode B_NODE = new FakeKongNode().serveStatus(Fixtures.adminApi("status-2.8-dbless.json"));
        static final URI NODE_B = B_NODE.url();
        static final FakeKongNode SLOW_NODE = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-dbless.json")).delay(Duration.ofMillis(400));
        static final URI SLOW = SLOW_NODE.url();

        private final AtomicReference<List<String>> flags = new AtomicReference<>();
        private final ExporterApp app;

        Harness(List<String> extra) throws Exception {
            flags(extra);
            app = ExporterApp.start(load(), 15_000, this::load);
            awaitReady();
        }

        void flags(List<String> extra) {
            Map<String, String> byKey = new LinkedHashMap<>();
            for (String flag : List.of("--listen=127.0.0.1:0", "--kong.nodes=a=" + A.url(), "--kong.poll_interval=1s",
                    "--kong.timeout=200ms", "--kong.heartbeat_window=2s")) {
                byKey.put(flag.substring(0, flag.indexOf('=')), flag);
            }
            for (String flag : extra) {
                byKey.put(flag.substring(0, flag.indexOf('=')), flag);
            }
            flags.set(List.copyOf(byKey.values()));
        }

        private io.kongexporter.config.ExporterConfig load() throws io.kongexporter.config.ConfigException {
            return ConfigLoader.load(Map.of(), CommandLine.parse(flags.get().toArray(String[]::new)));
        }

        private void awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (get("/-/ready").statusCode() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(url(path)).GET());
        }

        HttpResponse<String> post(String path, byte[] body, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return send(request);
        }

        /** The lines logged while a batch with one invalid entry is posted (the exporter logs it at debug). */
        String logOfAnInvalidEntry() {
            java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();
            java.io.PrintStream previous = io.kongexporter.logging.LogSettings.redirect(new java.io.PrintStream(lines, true, StandardCharsets.UTF_8));
            try {
                byte[] valid = entries("log", 1);
                String batch = new String(valid, StandardCharsets.UTF_8).replaceFirst("^\\[", "[{\"started_at\":\"yesterday\"},");
                HttpResponse<String> answer = postLogs(batch.getBytes(StandardCharsets.UTF_8));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            } finally {
                io.kongexporter.logging.LogSettings.redirect(previous);
            }
            return lines.toString(StandardCharsets.UTF_8);
        }

        HttpResponse<String> postLogs(byte[] body) {
            return post("/logs", body, "Content-Type", "application/json");
        }

        private URI url(String path) {
            return URI.create("http://127.0.0.1:" + app.port() + path);
        }

        private static HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        Scrape scrape() {
            return new Scrape(get("/metrics").body());
        }

        /** The status of an SSE stream's response, without waiting for its end. */
        int streamStatus(String path) throws Exception {
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        }

        /** The nodes in a fresh {@code /events} status snapshot. */
        List<String> liveNodes() throws Exception {
            Thread.sleep(1200);
            try (SseSubscriber events = SseSubscriber.connect(url("/events?topics=status"))) {
                Set<String> nodes = new TreeSet<>();
                SseSubscriber.Event event;
                while ((event = events.next(Duration.ofMillis(700))) != null) {
                    if (event.name().equals("status")) {
                        nodes.add(JSON.readTree(event.data()).path("node").asText());
                    }
                }
                return List.copyOf(nodes);
            }
        }

        /** The node names in the landing page's table. */
        List<String> pageNodes() {
            Matcher cell = Pattern.compile("<tr class=\"[a-z]+\"><td>([^<]+)</td>").matcher(get("/").body());
            List<String> names = new ArrayList<>();
            while (cell.find()) {
                names.add(cell.group(1));
            }
            return names;
        }

        long pollsOfA(Duration during) throws InterruptedException {
            Thread.sleep(300);
            long before = A.requests().stream().filter(r -> r.contains(" /status")).count();
            Thread.sleep(during.toMillis());
            return A.requests().stream().filter(r -> r.contains(" /status")).count() - before;
        }

        boolean askedA(String path) throws InterruptedException {
            int seen = A.requests().size();
            Thread.sleep(2500);
            return A.requests().subList(seen, A.requests().size()).stream().anyMatch(r -> r.contains(" " + path));
        }

        String awaitValue(String name, String... labels) throws InterruptedException {
            Thread.sleep(2500);
            return scrape().value(name, labels).map(String::valueOf).orElse("absent");
        }

        /** Node a goes down; after a while, is it still counted live? */
        String clusterLiveWithADown() throws InterruptedException {
            A.goDown();
            Thread.sleep(2500);
            String live = scrape().value("kong_cluster_live_nodes").map(String::valueOf).orElse("absent");
            A.comeBack();
            return live;
        }

        String duplicatesOfARepost(int entries) throws IOException {
            byte[] batch = entries("dedupe-" + System.nanoTime(), entries);
            postLogs(batch);
            return Integer.toString(JSON.readTree(postLogs(batch).body()).path("duplicate").asInt(0));
        }

        double overflowsOfNewRoutes(int routes) {
            double before = overflows();
            postLogs(entries("route-" + System.nanoTime(), routes));
            return overflows() - before;
        }

        private double overflows() {
            return scrape().find("kong_exporter_series_overflow_total").stream().mapToDouble(Scrape.Sample::value).sum();
        }

        double truncationsOfA100ByteRoute() {
            postLogs(entries("r".repeat(100) + System.nanoTime(), 1));
            return scrape().find("kong_exporter_label_truncations_total").stream().mapToDouble(Scrape.Sample::value).sum();
        }

        /** The status of a one-entry body whose second half arrives a second after its first. */
        String statusOfABodyTakingASecond() throws Exception {
            byte[] body = entries("slow-" + System.nanoTime(), 1);
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
                socket.setSoTimeout(5000);
                java.io.OutputStream out = socket.getOutputStream();
                out.write(("POST /logs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();
                Thread.sleep(1000);
                try {
                    out.write(body, body.length / 2, body.length - body.length / 2);
                    out.flush();
                } catch (IOException answeredAlready) {
                    // the exporter gave up on the body and may have closed the connection
                }
                String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                return status.substring(9);
            }
        }

        String routeSeriesAfterIdle() throws InterruptedException {
            String prefix = "idle-" + System.nanoTime();
            postLogs(entries(prefix, 1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(80);
            while (System.nanoTime() < deadline) {
                Thread.sleep(1000);
                if (scrape().find("kong_http_requests_total", "route", prefix + "-0").isEmpty()) {
                    return "removed";
                }
                if (flags.get().stream().noneMatch(f -> f.startsWith("--metrics.series_ttl"))) {
                    Thread.sleep(2000);
                    return "kept";
                }
            }
            return "kept";
        }

        String secondSubscriberStatus() throws Exception {
            try (SseSubscriber first = SseSubscriber.connect(url("/events"))) {
                first.next(Duration.ofMillis(500));
                return Integer.toString(streamStatus("/events"));
            }
        }

        static final int TCP_PORT = freePort();
        static final int UDP_PORT = freePort();
        static final int SYSLOG_PORT = freePort();

        /** A loopback port free for TCP and UDP both (the listeners reuse it case after case). */
        private static int freePort() {
            for (int attempt = 0; attempt < 20; attempt++) {
                try (java.net.ServerSocket tcp = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                     java.net.DatagramSocket udp = new java.net.DatagramSocket(tcp.getLocalPort(), java.net.InetAddress.getLoopbackAddress())) {
                    return tcp.getLocalPort();
                } catch (IOException taken) {
                    // try another
                }
            }
            throw new IllegalStateException("no free port for TCP and UDP");
        }

        interface Send {
            void run() throws Exception;
        }

        /** Which {@code result} of a transport's message counter a message moved: accepted, too_large, cut, unparsable. */
        String resultOf(String metric, Send send) throws Exception {
            Map<String, Double> before = byResult(metric);
            send.run();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                Map<String, Double> after = byResult(metric);
                for (Map.Entry<String, Double> result : after.entrySet()) {
                    if (result.getValue() > before.getOrDefault(result.getKey(), 0.0)) {
                        return result.getKey();
                    }
                }
                Thread.sleep(50);
            }
            return "nothing";
        }

        private Map<String, Double> byResult(String metric) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (Scrape.Sample sample : scrape().find(metric)) {
                values.put(sample.labels().get("result"), sample.value());
            }
            return values;
        }

        /** One tcp-log line: a batch of one entry (3 KiB), newline-terminated. */
        void sendTcpLine(int port) throws IOException {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(entries("tcp-" + System.nanoTime(), 1));
                socket.getOutputStream().write('\n');
                socket.shutdownOutput();
                socket.setSoTimeout(5000);
                socket.getInputStream().read();
            }
        }

        /** One datagram: the header, then a batch of one entry (3 KiB). */
        void sendDatagram(int port, String header) throws IOException {
            byte[] entry = entries("udp-" + System.nanoTime(), 1);
            byte[] datagram = new byte[header.length() + entry.length];
            System.arraycopy(header.getBytes(StandardCharsets.US_ASCII), 0, datagram, 0, header.length());
            System.arraycopy(entry, 0, datagram, header.length(), entry.length);
            try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
                socket.send(new java.net.DatagramPacket(datagram, datagram.length, java.net.InetAddress.getLoopbackAddress(), port));
            }
        }

        /** Whether a second connection is served while a first one is open, or closed at once. */
        String secondConnection(int port) throws IOException {
            try (java.net.Socket first = new java.net.Socket("127.0.0.1", port); java.net.Socket second = new java.net.Socket("127.0.0.1", port)) {
                second.setSoTimeout(1500);
                try {
                    return second.getInputStream().read() == -1 ? "refused" : "served";
                } catch (java.net.SocketTimeoutException stillOpen) {
                    return "served";
                } catch (IOException reset) {
                    return "refused";
                }
            }
        }

        /** Whether a connection that sends nothing is still open after 1.5 s. */
        String silentConnection(int port) throws IOException {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(1500);
                try {
                    return socket.getInputStream().read() == -1 ? "closed" : "open";
                } catch (java.net.SocketTimeoutException stillOpen) {
                    return "open";
                } catch (IOException reset) {
                    return "closed";
                }
            }
        }

        /** A batch of {@code count} Kong 3.9 entries on distinct routes, each with a unique request id. */
        static byte[] entries(String prefix, int count) {
            try {
                ObjectNode template = (ObjectNode) JSON.readTree(Fixtures.httpLog("entry-3.9-proxied-200-consumer.json"));
                ArrayNode batch = JSON.createArrayNode();
                for (int i = 0; i < count; i++) {
                    ObjectNode entry = template.deepCopy();
                    ((ObjectNode) entry.path("route")).put("name", prefix + "-" + i);
                    ((ObjectNode) entry.path("request")).put("id", UUID.randomUUID().toString().replace("-", ""));
                    batch.add(entry);
                }
                return JSON.writeValueAsBytes(batch);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            app.close();
        }
    }
}
