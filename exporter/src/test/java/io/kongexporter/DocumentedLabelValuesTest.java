package io.kongexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No metric that cannot move: every label value the README documents for the exporter's own metrics is reached by
 * something a real gateway or client does (a value nothing can produce is a lie an alert will believe).
 */
class DocumentedLabelValuesTest {
    /** The exporter's own metrics whose label values the README lists, and that label. */
    private static final Map<String, String> DOCUMENTED = Map.of(
            "kong_exporter_poll_errors_total", "reason",
            "kong_exporter_circuit_breaker_state", "state",
            "kong_exporter_log_entries_total", "result",
            "kong_exporter_log_requests_total", "code");

    @Test
    void every_documented_label_value_of_the_exporters_own_metrics_is_reached() throws Exception {
        Map<String, Set<String>> documented = documentedValues();
        Map<String, Set<String>> reached = Map.of(
                "kong_exporter_poll_errors_total", new HashSet<>(), "kong_exporter_circuit_breaker_state", new HashSet<>(),
                "kong_exporter_log_entries_total", new HashSet<>(), "kong_exporter_log_requests_total", new HashSet<>());
        try (FakeKongNode ok = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"));
             FakeKongNode refused = new FakeKongNode();
             FakeKongNode hanging = new FakeKongNode();
             FakeKongNode missing = new FakeKongNode();
             FakeKongNode garbage = new FakeKongNode().serveStatus("<html>not Kong</html>".getBytes(StandardCharsets.UTF_8))) {
            refused.goDown();
            hanging.hang();
            RunningExporter exporter = RunningExporter.start(Map.of(), "--kong.nodes=ok=" + ok.url() + ",refused=" + refused.url()
                    + ",hanging=" + hanging.url() + ",missing=" + missing.url() + ",garbage=" + garbage.url(),
                    "--kong.poll_interval=500ms", "--kong.timeout=300ms", "--ingest.token=t0ken", "--ingest.max_body=64KiB");
            try {
                String auth = "Bearer t0ken";
                byte[] entry = Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json");
                exporter.post("/logs", entry, "Authorization", auth);
                exporter.post("/logs", entry, "Authorization", auth);
                exporter.post("/logs", "[{\"response\":{\"status\":\"two hundred\"}}]".getBytes(StandardCharsets.UTF_8), "Authorization", auth);
                exporter.post("/logs", "not json".getBytes(StandardCharsets.UTF_8), "Authorization", auth);
                exporter.post("/logs", entry);
                exporter.post("/logs", new byte[128 * 1024], "Authorization", auth);

                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (System.nanoTime() < deadline && !reached.get("kong_exporter_circuit_breaker_state").containsAll(
                        documented.get("kong_exporter_circuit_breaker_state"))) {
                    record(exporter.scrape(), reached);
                    RunningExporter.sleep(25);
                }
                record(exporter.scrape(), reached);
                record(shutdownRefusal(exporter, auth), reached);
            } finally {
                exporter.close();
            }
        }
        for (Map.Entry<String, Set<String>> metric : documented.entrySet()) {
            assertThat(reached.get(metric.getKey())).as(metric.getKey() + " values reached").containsAll(metric.getValue());
        }
    }

    /**
     * While a body is still being read, shutting down answers new log requests 503 (Kong keeps and re-sends) and
     * still serves scrapes; returns the scrape taken then.
     */
    private static Scrape shutdownRefusal(RunningExporter exporter, String auth) throws IOException, InterruptedException {
        try (Socket slow = new Socket("127.0.0.1", exporter.app().port())) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /logs HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n\r\n[").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RunningExporter.sleep(300);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(exporter.app()::close);
            RunningExporter.sleep(300);
            int refused = exporter.post("/logs", "[]".getBytes(StandardCharsets.UTF_8), "Authorization", auth).statusCode();
            assertThat(refused).as("a log request while shutting down").isEqualTo(503);
            Scrape during = exporter.scrape();
            out.write(']');
            out.flush();
            closing.join();
            return during;
        }
    }

    private static void record(Scrape scrape, Map<String, Set<String>> reached) {
        for (Map.Entry<String, String> metric : DOCUMENTED.entrySet()) {
            for (Scrape.Sample sample : scrape.find(metric.getKey())) {
                if (sample.value() > 0) {
                    reached.get(metric.getKey()).add(sample.labels().get(metric.getValue()));
                }
            }
        }
    }

    /** The label values in backticks in each documented metric's README row (its help column). */
    private static Map<String, Set<String>> documentedValues() throws IOException {
        String readme = Files.readString(Fixtures.projectRoot().resolve("README.md"));
        Map<String, Set<String>> values = new java.util.TreeMap<>();
        for (String metric : DOCUMENTED.keySet()) {
            Matcher row = Pattern.compile("(?m)^\\| `" + metric + "` \\|[^|]*\\|[^|]*\\|(.*)\\|$").matcher(readme);
            assertThat(row.find()).as("README metric table row of " + metric).isTrue();
            Set<String> listed = new TreeSet<>();
            Matcher value = Pattern.compile("`([a-z0-9_]+)`").matcher(row.group(1));
            while (value.find()) {
                if (!value.group(1).startsWith("kong_")) {
                    listed.add(value.group(1));
                }
            }
            assertThat(listed).as("values documented for " + metric).isNotEmpty();
            values.put(metric, listed);
        }
        return values;
    }
}
