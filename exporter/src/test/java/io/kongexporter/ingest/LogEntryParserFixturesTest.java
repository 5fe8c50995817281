package io.kongexporter.ingest;

import static io.kongexporter.ingest.LogEntry.http;
import static org.assertj.core.api.Assertions.assertThat;

import io.kongfixtures.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in kong-fixtures/http-log/, entry by entry. */
class LogEntryParserFixturesTest {

    static final Path HTTP_LOG = Fixtures.dir().resolve("http-log");

    private static final String ORDERS_ROUTE_ID = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f";

    static final LogEntry PROXIED_200_CONSUMER = http(200)
            .service("orders-api", "orders.internal.svc").route("orders-route", ORDERS_ROUTE_ID)
            .consumer("mobile-app", "cust-4711", "0b7e5c3a-91d4-4f26-8a3e-6c2d1f9e8b7a")
            .workspace("default").source("upstream").upstreamStatus("200")
            .latencies(2, 38, 41, 1).sizes(412, 1875).tries(1)
            .requestId("7d2a1c9f4b6e8a3d5c0f1e2b4a6c8d0e").startedAt(1750156812345L).build();

    static final LogEntry REJECTED_401 = http(401)
            .service("orders-api", "orders.internal.svc").route("orders-route", ORDERS_ROUTE_ID)
            .workspace("default").source("kong").upstreamStatus("")
            .latencies(1, -1, 1, 0).sizes(98, 321).tries(0)
            .requestId("0c4f8a2e6b1d9f3a7c5e0b2d4f6a8c1e").startedAt(1750156813002L).build();

    static final LogEntry RATE_LIMITED_429 = http(429)
            .service("orders-api", "orders.internal.svc").route("orders-route", ORDERS_ROUTE_ID)
            .consumer("mobile-app", "cust-4711", "0b7e5c3a-91d4-4f26-8a3e-6c2d1f9e8b7a")
            .workspace("default").source("kong").upstreamStatus("")
            .latencies(3, -1, 3, 0).sizes(431, 489).tries(0)
            .requestId("5e7a9c1e3f5b7d9f1b3d5f7a9c1e3b5d").startedAt(1750156814120L).build();

    static final LogEntry RETRIES_502_THEN_200 = http(200)
            .service("orders-api", "orders.internal.svc").route("orders-route", ORDERS_ROUTE_ID)
            .consumer("mobile-app", "cust-4711", "0b7e5c3a-91d4-4f26-8a3e-6c2d1f9e8b7a")
            .workspace("default").source("upstream").upstreamStatus("502, 200")
            .latencies(4, 27, 33, 2).sizes(437, 6322).tries(2)
            .requestId("3f5d7b9a1c3e5f7a9b1d3f5a7c9e1b3d").startedAt(1750156816400L).build();

    static final LogEntry NO_ROUTE_404 = http(404)
            .workspace("default").source("kong").upstreamStatus("")
            .latencies(0, -1, 0, 0).sizes(89, 325)
            .requestId("a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1").startedAt(1750156815007L).build();

    static final LogEntry WEBSOCKET_101 = http(101)
            .service("chat-ws", "chat.internal.svc").route("chat-socket", "f7a8b9c0-d1e2-4f3a-9b4c-5d6e7f8a9b0c")
            .workspace("default").source("upstream").upstreamStatus("101")
            .latencies(1, 12, 184213, 0).sizes(521, 2418377).tries(1)
            .requestId("9b1d3f5a7c9e1b3d5f7a9c1e3f5b7d9a").startedAt(1750156700031L)
            .extraFields(Map.of("connection_type", "websocket")).build();

    /** ai-proxy's log fields as {@code kong/llm/plugin/shared-filters/serialize-analytics.lua} (Kong 3.9) writes them. */
    static final LogEntry AI_PROXY_CHAT = http(200)
            .service("llm-gateway", "api.openai.com").route("chat-completions", "a9c1e3b5-d7f9-4a1c-8e3b-5d7f9a1c3e5b")
            .workspace("default").source("upstream").upstreamStatus("200")
            .latencies(3, 1420, 1424, 0).sizes(498, 1021).tries(1)
            .requestId("c3e5a7c9e1b3d5f7a9c1e3b5d7f9a1c3").startedAt(1750156820011L)
            .ai(List.of(new AiUsage("proxy", "openai", "gpt-3.5-turbo", null, null, null, null, 1420, 25, 12, 37, 0.00037))).build();

    static final LogEntry STREAM_TCP_SESSION = LogEntry.stream(200)
            .service("postgres-tcp", "pg-primary.internal.svc")
            .route("postgres-tcp-route", "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d")
            .workspace("default").sessionLatencies(1, 5234).sizes(2048, 65536).tries(1)
            .startedAt(1750156790112L).build();

    static final LogEntry KONG_34_BASIC_AUTH_204 = http(204)
            .service("inventory", "inventory.internal.svc")
            .route("inventory-write", "8e0a2c4e-6a8c-4e0a-8c4e-6a8c0e2a4c6e")
            .consumer("partner-acme", null, "4c6e8a0c-2e4a-4c6e-8a0c-2e4a6c8e0a2c")
            .upstreamStatus("204").latencies(6, 112, 119, Double.NaN).sizes(2391, 371).tries(1)
            .startedAt(1700035304311L).build();

    static final LogEntry KONG_28_PROXIED_200 = http(200)
            .service("billing", "billing.corp.local").route("invoices", "2a4c6e8a-0c2e-4a6c-8e0a-2c4e6a8c0e2c")
            .consumer("billing-batch", null, "0e2c4a6e-8c0a-4e2c-a6e8-c0a2e4c6a8e0")
            .latencies(3, 245, 251, Double.NaN).sizes(301, 48522).tries(1)
            .startedAt(1654610591003L).build();

    static final LogEntry KONG_15_REJECTED_401 = http(401)
            .service("payments", "payments.internal").route(null, "6e8a0c2e-4a6c-4e8a-0c2e-4a6c8e0a2c4e")
            .latencies(1, -1, 1, Double.NaN).sizes(203, 264).tries(0)
            .startedAt(1584349975311L).build();

    static final LogEntry KONG_011_API = http(200)
            .api("legacy-accounts").consumer("reporting", null, "7b9d1f3b-5d7f-4b9d-1f3b-5d7f9b1d3f5b")
            .latencies(3, 51, 56, Double.NaN).sizes(187, 1012).tries(1)
            .startedAt(1506943231204L).build();

    static final LogEntry KONG_014_API = http(204)
            .api("legacy-accounts").latencies(2, 74, 77, Double.NaN).sizes(112, 214).tries(1)
            .startedAt(1536684309877L).build();

    private static final List<LogEntry> FIVE_ENTRY_BATCH =
            List.of(PROXIED_200_CONSUMER, REJECTED_401, RATE_LIMITED_429, RETRIES_502_THEN_200, NO_ROUTE_404);

    private static final Map<String, List<LogEntry>> EXPECTED = Map.ofEntries(
            Map.entry("entry-3.9-proxied-200-consumer.json", List.of(PROXIED_200_CONSUMER)),
            Map.entry("entry-3.9-proxied-200-consumer.wire.json", List.of(PROXIED_200_CONSUMER)),
            Map.entry("entry-3.9-rejected-401-key-auth.json", List.of(REJECTED_401)),
            Map.entry("entry-3.9-rejected-429-rate-limited.json", List.of(RATE_LIMITED_429)),
            Map.entry("entry-3.9-no-route-404-global-plugin.json", List.of(NO_ROUTE_404)),
            Map.entry("entry-3.9-retries-502-then-200.json", List.of(RETRIES_502_THEN_200)),
            Map.entry("entry-3.9-websocket-custom-fields.json", List.of(WEBSOCKET_101)),
            Map.entry("entry-3.9-stream-tcp-session.json", List.of(STREAM_TCP_SESSION)),
            Map.entry("entry-3.9-ai-proxy-openai-chat.json", List.of(AI_PROXY_CHAT)),
            Map.entry("entry-3.4-proxied-204-basic-auth.json", List.of(KONG_34_BASIC_AUTH_204)),
            Map.entry("entry-2.8-proxied-200.json", List.of(KONG_28_PROXIED_200)),
            Map.entry("entry-1.5-rejected-401-tries-object.json", List.of(KONG_15_REJECTED_401)),
            Map.entry("entry-0.11-api-key-auth.json", List.of(KONG_011_API)),
            Map.entry("entry-0.14-api.json", List.of(KONG_014_API)),
            Map.entry("batch-3.9-five-entries.json", FIVE_ENTRY_BATCH),
            Map.entry("batch-3.9-five-entries.wire.json", FIVE_ENTRY_BATCH),
            Map.entry("batch-3.9-single-entry-array.wire.json", List.of(WEBSOCKET_101)));

    private final LogEntryParser parser =
            new LogEntryParser(Set.of("connection_type"), LogEntryParser.Limits.DEFAULTS);

    static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(HTTP_LOG.resolve(name));
    }

    static Stream<String> fixtureFiles() throws IOException {
        try (Stream<Path> files = Files.list(HTTP_LOG)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureFiles")
    void parses_every_http_log_fixture_into_the_expected_entries(String file) throws Exception {
        assertThat(EXPECTED).as("an expectation for fixture %s", file).containsKey(file);
        byte[] body = fixture(file);

        LogBatch batch = parser.parse(body, 0, body.length);

        assertThat(batch.invalidEntries()).isZero();
        assertThat(batch.firstInvalidReason()).isNull();
        assertThat(batch.entries()).containsExactlyElementsOf(EXPECTED.get(file));
    }

    @Test
    void every_expectation_names_a_fixture_that_exists() throws IOException {
        assertThat(fixtureFiles()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @Test
    void wire_encoded_fixtures_parse_exactly_like_their_pretty_printed_twins() throws Exception {
        assertThat(parse("entry-3.9-proxied-200-consumer.wire.json"))
                .isEqualTo(parse("entry-3.9-proxied-200-consumer.json"));
        assertThat(parse("batch-3.9-five-entries.wire.json"))
                .isEqualTo(parse("batch-3.9-five-entries.json"));
        assertThat(parse("batch-3.9-single-entry-array.wire.json"))
                .isEqualTo(parse("entry-3.9-websocket-custom-fields.json"));
    }

    @Test
    void the_five_entry_batch_shares_its_entries_with_the_single_entry_fixtures() throws Exception {
        List<LogEntry> singles = Stream.of(
                        "entry-3.9-proxied-200-consumer.json", "entry-3.9-rejected-401-key-auth.json",
                        "entry-3.9-rejected-429-rate-limited.json", "entry-3.9-retries-502-then-200.json",
                        "entry-3.9-no-route-404-global-plugin.json")
                .flatMap(f -> parse(f).stream()).toList();

        assertThat(parse("batch-3.9-five-entries.wire.json")).isEqualTo(singles);
    }

    @Test
    void reads_only_the_given_slice_of_a_larger_buffer() throws Exception {
        byte[] body = fixture("batch-3.9-five-entries.wire.json");
        byte[] buffer = new byte[body.length + 20];
        Arrays.fill(buffer, (byte) 'x');
        System.arraycopy(body, 0, buffer, 7, body.length);

        LogBatch batch = parser.parse(buffer, 7, body.length);

        assertThat(batch.entries()).containsExactlyElementsOf(FIVE_ENTRY_BATCH);
    }

    private List<LogEntry> parse(String file) {
        try {
            byte[] body = fixture(file);
            LogBatch batch = parser.parse(body, 0, body.length);
            assertThat(batch.invalidEntries()).isZero();
            return batch.entries();
        } catch (IOException | LogParseException e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
    }
}
