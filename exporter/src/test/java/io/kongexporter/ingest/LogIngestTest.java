package io.kongexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The log endpoint over real HTTP: what each fixture records, body forms, and the documented answer of each bad body. */
class LogIngestTest {
    private RunningExporter exporter;

    @AfterEach
    void stop() {
        if (exporter != null) {
            exporter.close();
        }
    }

    /** These tests post the same fixture entries (same request ids) as different requests: de-duplication is off here. */
    private RunningExporter start(String... flags) {
        String[] all = java.util.Arrays.copyOf(flags, flags.length + 1);
        all[flags.length] = "--ingest.dedupe_window=0s";
        exporter = RunningExporter.start(Map.of(), all);
        return exporter;
    }

    @Test
    void a_kong_3_9_proxied_request_with_a_consumer_feeds_every_traffic_metric() {
        start();
        var answer = exporter.post("/logs", Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"accepted\":1,\"invalid\":0}");
        Scrape s = exporter.scrape();
        String[] route = {"service", "orders-api", "route", "orders-route", "workspace", "default"};
        assertThat(s.value("kong_http_requests_total", "service", "orders-api", "route", "orders-route", "code", "200",
                "source", "service", "workspace", "default")).contains(1.0);
        assertThat(s.value("kong_http_consumer_requests_total", "consumer", "mobile-app", "service", "orders-api",
                "route", "orders-route", "code", "200")).contains(1.0);
        assertThat(s.value("kong_request_latency_seconds_sum", route)).contains(0.041);
        assertThat(s.value("kong_upstream_latency_seconds_sum", route)).contains(0.038);
        assertThat(s.value("kong_proxy_latency_seconds_sum", route)).contains(0.002);
        assertThat(s.value("kong_request_latency_seconds_bucket", "service", "orders-api", "le", "0.05")).contains(1.0);
        assertThat(s.value("kong_request_latency_seconds_bucket", "service", "orders-api", "le", "0.025")).contains(0.0);
        assertThat(s.value("kong_bandwidth_bytes_total", "service", "orders-api", "direction", "ingress")).contains(412.0);
        assertThat(s.value("kong_bandwidth_bytes_total", "service", "orders-api", "direction", "egress")).contains(1875.0);
        assertThat(s.value("kong_exporter_log_entries_total", "result", "accepted")).contains(1.0);
        assertThat(s.value("kong_exporter_log_requests_total", "code", "200")).contains(1.0);
    }

    @Test
    void rejected_and_unrouted_requests_count_with_source_kong_and_no_upstream_latency() {
        start();
        exporter.post("/logs", Fixtures.httpLog("entry-3.9-rejected-401-key-auth.json"));
        exporter.post("/logs", Fixtures.httpLog("entry-3.9-no-route-404-global-plugin.json"));
        exporter.post("/logs", Fixtures.httpLog("entry-3.9-rejected-429-rate-limited.json"));
        Scrape s = exporter.scrape();
        assertThat(s.find("kong_http_requests_total", "code", "401")).singleElement()
                .satisfies(x -> assertThat(x.labels()).containsEntry("source", "kong").containsEntry("route", "orders-route"));
        assertThat(s.value("kong_http_requests_total", "code", "404", "service", "", "route", "", "source", "kong")).contains(1.0);
        assertThat(s.find("kong_upstream_latency_seconds_count")).isEmpty();
        assertThat(s.value("kong_http_consumer_requests_total", "code", "429", "consumer", "mobile-app")).contains(1.0);
        assertThat(s.find("kong_http_consumer_requests_total", "code", "401")).as("anonymous traffic has no consumer series").isEmpty();
    }

    @Test
    void old_kong_entries_are_counted_with_their_api_or_route_id_and_string_sizes() {
        start();
        exporter.post("/logs", Fixtures.httpLog("entry-0.11-api-key-auth.json"));
        exporter.post("/logs", Fixtures.httpLog("entry-0.14-api.json"));
        exporter.post("/logs", Fixtures.httpLog("entry-1.5-rejected-401-tries-object.json"));
        exporter.post("/logs", Fixtures.httpLog("entry-2.8-proxied-200.json"));
        exporter.post("/logs", Fixtures.httpLog("entry-3.4-proxied-204-basic-auth.json"));
        Scrape s = exporter.scrape();
        assertThat(s.value("kong_http_requests_total", "service", "legacy-accounts", "route", "", "code", "200", "source", "service")).contains(1.0);
        assertThat(s.value("kong_bandwidth_bytes_total", "service", "legacy-accounts", "direction", "egress"))
                .as("0.11 and 0.14 entries of the same api, sizes sent as strings").contains(1012.0 + 214.0);
        assertThat(s.value("kong_http_requests_total", "service", "payments", "route", "6e8a0c2e-4a6c-4e8a-0c2e-4a6c8e0a2c4e",
                "code", "401", "source", "kong")).contains(1.0);
        assertThat(s.value("kong_bandwidth_bytes_total", "service", "payments", "direction", "ingress")).contains(203.0);
        assertThat(s.value("kong_http_requests_total", "service", "inventory", "route", "inventory-write", "code", "204")).contains(1.0);
        double total = s.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum();
        assertThat(total).isEqualTo(5.0);
    }

    @Test
    void stream_sessions_and_websocket_custom_fields_are_counted() {
        start("--ingest.extra_labels=connection_type");
        exporter.post("/logs", Fixtures.httpLog("entry-3.9-stream-tcp-session.json"));
        exporter.post("/logs", Fixtures.httpLog("entry-3.9-websocket-custom-fields.json"));
        exporter.post("/logs", Fixtures.httpLog("entry-3.9-retries-502-then-200.json"));
        Scrape s = exporter.scrape();
        assertThat(s.value("kong_stream_sessions_total", "service", "postgres-tcp", "route", "postgres-tcp-route", "code", "200")).contains(1.0);
        assertThat(s.value("kong_stream_session_duration_seconds_sum", "service", "postgres-tcp")).contains(5.234);
        assertThat(s.value("kong_bandwidth_bytes_total", "service", "postgres-tcp", "direction", "egress")).contains(65536.0);
        assertThat(s.value("kong_http_requests_total", "service", "chat-ws", "code", "101", "connection_type", "websocket")).contains(1.0);
        assertThat(s.find("kong_http_requests_total", "connection_type", "")).hasSize(1);
    }

    @Test
    void accepts_arrays_ndjson_single_objects_and_put_and_patch() {
        start();
        byte[] five = Fixtures.httpLog("batch-3.9-five-entries.wire.json");
        assertThat(exporter.post("/logs", five).body()).isEqualTo("{\"accepted\":5,\"invalid\":0}");
        assertThat(exporter.send("PUT", "/logs", Fixtures.httpLog("batch-3.9-single-entry-array.wire.json")).body()).isEqualTo("{\"accepted\":1,\"invalid\":0}");
        String one = new String(Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json"), StandardCharsets.UTF_8).trim();
        String ndjson = one + "\n" + one + "\n" + one + "\n";
        assertThat(exporter.send("PATCH", "/logs", ndjson.getBytes(StandardCharsets.UTF_8)).body()).isEqualTo("{\"accepted\":3,\"invalid\":0}");
        assertThat(exporter.post("/logs", "[]".getBytes()).body()).isEqualTo("{\"accepted\":0,\"invalid\":0}");
        double total = exporter.scrape().find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum();
        assertThat(total).isEqualTo(9.0);
    }

    @Test
    void each_bad_body_gets_its_documented_answer_and_counter_and_earlier_counts_stay() {
        start("--ingest.max_body=2MiB");
        exporter.post("/logs", Fixtures.httpLog("batch-3.9-five-entries.wire.json"));

        var notJson = exporter.post("/logs", "<xml/>".getBytes());
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"status\":400").contains("not JSON");

        byte[] batch = Fixtures.httpLog("batch-3.9-five-entries.wire.json");
        var truncated = exporter.post("/logs", java.util.Arrays.copyOf(batch, batch.length / 2));
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).contains("truncated");

        var deep = exporter.post("/logs", ("[" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "]").getBytes());
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(deep.body()).contains("nest");

        var huge = exporter.post("/logs", ("[" + "{\"request\":{\"id\":\"" + "x".repeat(1_500_000) + "\"}}]").getBytes());
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(huge.body()).contains("string longer than 1048576");

        var tooLarge = exporter.post("/logs", new byte[3 * 1024 * 1024]);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("ingest.max_body");

        String oneGood = new String(Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json"), StandardCharsets.UTF_8).trim();
        var wrongTypes = exporter.post("/logs", ("[" + oneGood + ",{\"response\":{\"status\":\"two hundred\"}},42," + oneGood + "]").getBytes(StandardCharsets.UTF_8));
        assertThat(wrongTypes.statusCode()).isEqualTo(200);
        assertThat(wrongTypes.body()).isEqualTo("{\"accepted\":2,\"invalid\":2}");

        Scrape s = exporter.scrape();
        double total = s.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum();
        assertThat(total).as("5 from the first batch, 2 valid of the mixed one, nothing from rejected bodies").isEqualTo(7.0);
        assertThat(s.value("kong_exporter_log_entries_total", "result", "accepted")).contains(7.0);
        assertThat(s.value("kong_exporter_log_entries_total", "result", "invalid")).contains(2.0);
        assertThat(exporter.post("/logs", Fixtures.httpLog("entry-2.8-proxied-200.json")).statusCode())
                .as("the receiver still works after every bad body").isEqualTo(200);
        assertThat(s.value("kong_exporter_log_requests_total", "code", "400").orElseThrow()).isGreaterThanOrEqualTo(3.0);
        assertThat(s.value("kong_exporter_log_requests_total", "code", "413")).contains(1.0);
    }

    @Test
    void a_body_over_the_limit_is_refused_while_streaming_without_a_content_length() throws Exception {
        start("--ingest.max_body=64KiB");
        var client = java.net.http.HttpClient.newHttpClient();
        var chunks = java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[200 * 1024]));
        var response = client.send(java.net.http.HttpRequest.newBuilder(exporter.url("/logs")).POST(chunks).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void the_token_is_required_when_configured() {
        start("--ingest.token=s3cret");
        byte[] entry = Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json");
        var missing = exporter.post("/logs", entry);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(missing.body()).doesNotContain("s3cret");
        assertThat(exporter.post("/logs", entry, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(exporter.post("/logs", entry, "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        Scrape s = exporter.scrape();
        assertThat(s.value("kong_exporter_log_requests_total", "code", "401")).contains(2.0);
        assertThat(s.find("kong_http_requests_total")).hasSize(1);
    }

    @Test
    void basic_auth_from_an_http_log_user_pass_url_is_accepted_when_configured() {
        start("--ingest.basic_auth=kong:pa55");
        byte[] entry = Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json");
        String good = "Basic " + Base64.getEncoder().encodeToString("kong:pa55".getBytes());
        String bad = "Basic " + Base64.getEncoder().encodeToString("kong:nope".getBytes());
        assertThat(exporter.post("/logs", entry, "Authorization", good).statusCode()).isEqualTo(200);
        assertThat(exporter.post("/logs", entry, "Authorization", bad).statusCode()).isEqualTo(401);
    }

    @Test
    void the_ingest_path_is_configurable() {
        start("--ingest.path=/kong/http-log");
        assertThat(exporter.post("/kong/http-log", Fixtures.httpLog("entry-2.8-proxied-200.json")).statusCode()).isEqualTo(200);
        assertThat(exporter.post("/logs", Fixtures.httpLog("entry-2.8-proxied-200.json")).statusCode()).isEqualTo(404);
    }
}
