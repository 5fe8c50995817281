package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kongsimulator.support.JsonShape;
import io.kongsimulator.support.TrafficSamples;
import io.kongsimulator.support.TrafficSamples.Kind;
import io.kongfixtures.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LogEntryWriterTest {

    private static final Path HTTP_LOG = Fixtures.dir().resolve("http-log");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogEntryWriter writer = new LogEntryWriter();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void every_kind_of_entry_has_the_top_level_keys_of_the_fixture_of_the_same_kind(Kind kind) throws IOException {
        JsonNode written = JSON.readTree(writer.write(kind.sample()));
        JsonNode fixture = JSON.readTree(HTTP_LOG.resolve(kind.fixture()).toFile());

        assertThat(keys(written)).isEqualTo(keys(fixture));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void every_kind_of_entry_has_the_shape_of_the_fixture_apart_from_headers_and_query(Kind kind) throws IOException {
        JsonShape shape = JsonShape.withNameMaps()
                .ignoringInside("request.headers", "response.headers", "request.querystring");
        JsonNode written = JSON.readTree(writer.write(kind.sample()));
        JsonNode fixture = JSON.readTree(HTTP_LOG.resolve(kind.fixture()).toFile());

        assertThat(shape.of(written)).isEqualTo(shape.of(fixture));
    }

    @Test
    void the_upstream_status_and_tries_tell_each_attempt() throws IOException {
        JsonNode retried = JSON.readTree(writer.write(TrafficSamples.retried502Then200()));
        TrafficSample allFailed = new TrafficSample("n", TrafficSamples.STARTED_AT,
                TrafficSamples.service("inventory-api"), TrafficSamples.route("inventory-get"),
                TrafficSamples.consumer("mobile-app"), TrafficSamples.proxied200().request(), 504,
                TrafficSample.Source.KONG, 2, 504, new TrafficSample.Latencies(5_002, 5_000, 10_002, 0), 380, false);
        JsonNode failed = JSON.readTree(writer.write(allFailed));

        assertThat(retried.get("upstream_status").asText()).isEqualTo("502, 200");
        assertThat(retried.at("/tries/0/state").asText()).isEqualTo("failed");
        assertThat(retried.at("/tries/0/code").asInt()).isEqualTo(502);
        assertThat(retried.at("/tries/1").has("state")).isFalse();
        assertThat(retried.at("/tries/1/port").asInt()).isEqualTo(8080);
        assertThat(retried.at("/tries/1/balancer_start_ns").asDouble())
                .isGreaterThanOrEqualTo(retried.at("/tries/0/balancer_start_ns").asDouble());
        assertThat(failed.get("upstream_status").asText()).isEqualTo("504, 504");
        assertThat(failed.get("source").asText()).isEqualTo("kong");
        assertThat(failed.at("/tries/1/state").asText()).isEqualTo("failed");
        assertThat(failed.at("/response/headers/server").asText()).isEqualTo("kong/3.9.1");
    }

    @Test
    void slashes_are_escaped_and_balancer_start_ns_has_the_exponent_form_of_lua_cjson() {
        String text = new String(writer.write(TrafficSamples.proxied200()), StandardCharsets.UTF_8);

        assertThat(text).doesNotContain("\n", " {", "\": ")
                .contains("\"uri\":\"\\/orders\\/1042?expand=items\"")
                .contains("\"url\":\"https:\\/\\/api.example.com:8443\\/orders\\/1042?expand=items\"")
                .contains("\"upstream_uri\":\"\\/v2\\/orders\\/1042?expand=items\"")
                .containsPattern("\"balancer_start_ns\":1\\.75015681234\\d{0,2}e\\+18[,}]");
        assertThat(text.replace("\\/", "")).doesNotContain("/");
    }

    @Test
    void the_request_carries_what_kong_logs_for_a_consumer() throws IOException {
        TrafficSample sample = TrafficSamples.proxied200();
        JsonNode entry = JSON.readTree(writer.write(sample));
        JsonNode headers = entry.at("/request/headers");

        assertThat(headers.get("x-consumer-username").asText()).isEqualTo("mobile-app");
        assertThat(headers.get("x-consumer-custom-id").asText()).isEqualTo("cust-4711");
        assertThat(headers.get("x-consumer-id").asText()).isEqualTo(sample.consumer().id());
        assertThat(headers.get("x-credential-identifier").asText()).isEqualTo(sample.consumer().credentialId());
        assertThat(headers.get("apikey").asText()).isEqualTo(sample.consumer().apiKey());
        assertThat(entry.at("/authenticated_entity/id").asText()).isEqualTo(sample.consumer().credentialId());
        assertThat(entry.at("/request/tls/version").asText()).startsWith("TLSv1.");
        assertThat(entry.at("/response/headers/x-kong-upstream-latency").asText()).isEqualTo("38");
        assertThat(entry.at("/response/headers/x-kong-proxy-latency").asText()).isEqualTo("2");
        assertThat(entry.at("/response/headers/x-kong-request-id").asText()).isEqualTo(sample.request().id());
        assertThat(entry.at("/response/headers/date").asText()).isEqualTo("Tue, 17 Jun 2025 10:40:12 GMT");
    }

    @Test
    void the_querystring_keeps_repeated_names_as_arrays_and_bare_names_as_true() throws IOException {
        TrafficSample base = TrafficSamples.retried502Then200();
        TrafficSample.Request r = base.request();
        TrafficSample sample = new TrafficSample(base.node(), base.startedAt(), base.service(), base.route(),
                base.consumer(), new TrafficSample.Request(r.id(), r.clientIp(), r.method(), r.host(), r.tls(),
                r.path(), "page=2&status=open&debug&status=shipped", r.size()), base.status(), base.source(),
                base.tries(), base.failedTryCode(), base.latencies(), base.responseSize(), false);

        JsonNode query = JSON.readTree(writer.write(sample)).at("/request/querystring");

        assertThat(query.toString()).isEqualTo("{\"page\":\"2\",\"status\":[\"open\",\"shipped\"],\"debug\":true}");
        assertThat(JSON.readTree(writer.write(TrafficSamples.rejected401())).at("/request/querystring").toString())
                .isEqualTo("{}");
    }

    @Test
    void a_websocket_entry_has_the_upgrade_headers_and_custom_fields() throws IOException {
        JsonNode entry = JSON.readTree(writer.write(TrafficSamples.websocket101()));

        assertThat(entry.get("connection_type").asText()).isEqualTo("websocket");
        assertThat(entry.get("upgrade").asText()).isEqualTo("websocket");
        assertThat(entry.at("/request/headers/upgrade").asText()).isEqualTo("websocket");
        assertThat(entry.at("/response/headers/sec-websocket-accept").asText()).hasSize(28);
        assertThat(entry.get("upstream_status").asText()).isEqualTo("101");
    }

    @Test
    void a_typical_proxied_entry_with_a_consumer_is_about_two_and_a_half_kilobytes() {
        assertThat(writer.write(TrafficSamples.proxied200()).length).isBetween(2_200, 2_900);
    }

    @Test
    void a_batch_is_a_json_array_even_of_one_entry_and_the_buffer_can_be_reused() throws Exception {
        List<TrafficSample> all = Arrays.stream(Kind.values()).map(Kind::sample).toList();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        writer.writeBatch(all, buffer);
        JsonNode six = JSON.readTree(buffer.toByteArray());
        buffer.reset();
        writer.writeBatch(List.of(TrafficSamples.proxied200()), buffer);
        byte[] one = buffer.toByteArray();

        assertThat(six).extracting(entry -> entry.at("/response/status").asInt()).containsExactly(200, 401, 404, 429, 200, 101);
        assertThat(one[0]).isEqualTo((byte) '[');
        assertThat(one[one.length - 1]).isEqualTo((byte) ']');
        assertThat(JSON.readTree(one)).hasSize(1);
        assertThat(writer.writeBatch(all)).isEqualTo(writeBatchAgain(all));
    }

    private byte[] writeBatchAgain(List<TrafficSample> samples) {
        return new LogEntryWriter().writeBatch(samples);
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
