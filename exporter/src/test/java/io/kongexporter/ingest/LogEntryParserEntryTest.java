package io.kongexporter.ingest;

import static io.kongexporter.ingest.LogEntry.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One entry at a time: what is read leniently, what makes an entry invalid, and what is skipped. */
class LogEntryParserEntryTest {

    private static final String VALID = "{\"response\":{\"status\":200}}";

    private final LogEntryParser parser =
            new LogEntryParser(Set.of("connection_type", "upgrade", "tenant"), LogEntryParser.Limits.DEFAULTS);

    @Test
    void an_entry_with_only_a_status_has_every_other_value_absent() throws Exception {
        LogEntry entry = single(VALID);

        assertThat(entry).isEqualTo(http(200).build());
        assertThat(entry.extraFields()).isSameAs(Map.of());
    }

    @Test
    void skips_entry_with_non_numeric_status_and_keeps_the_rest() throws Exception {
        LogBatch batch = parse("[" + VALID + ",{\"response\":{\"status\":\"200\"}}," + VALID + "]");

        assertThat(batch.entries()).hasSize(2);
        assertThat(batch.invalidEntries()).isEqualTo(1);
        assertThat(batch.firstInvalidReason()).isEqualTo("entry 2: response.status is a string");
    }

    @Test
    void skips_entry_whose_response_is_not_an_object() throws Exception {
        LogBatch batch = parse("[{\"response\":\"200 OK\"}," + VALID + "]");

        assertThat(batch.entries()).hasSize(1);
        assertThat(batch.firstInvalidReason()).isEqualTo("entry 1: response is a string");
    }

    @Test
    void skips_entry_without_a_status() throws Exception {
        LogBatch batch = parse("""
                [{"response":{"size":10}}, {"request":{"size":10}}, {}, {"response":null}, %s]
                """.formatted(VALID));

        assertThat(batch.entries()).hasSize(1);
        assertThat(batch.invalidEntries()).isEqualTo(4);
        assertThat(batch.firstInvalidReason()).isEqualTo("entry 1: response.status is missing");
    }

    @Test
    void skips_entry_with_a_status_that_is_no_status_code() throws Exception {
        LogBatch batch = parse("""
                [{"response":{"status":1000}}, {"response":{"status":-1}}, {"response":{"status":200.5}},
                 {"response":{"status":null}}, {"response":{"status":true}}, {"response":{"status":200.0}}]
                """);

        assertThat(batch.entries()).extracting(LogEntry::status).containsExactly(200);
        assertThat(batch.invalidEntries()).isEqualTo(5);
    }

    @Test
    void skips_entry_with_latencies_that_are_strings_but_not_numbers() throws Exception {
        LogBatch batch = parse("""
                [{"response":{"status":200},"latencies":{"kong":"fast"}},
                 {"response":{"status":200},"latencies":{"kong":"NaN"}},
                 {"response":{"status":200},"latencies":{"kong":"0x10"}},
                 {"response":{"status":200},"latencies":{"kong":"12 "}},
                 {"response":{"status":200},"latencies":"12"},
                 {"response":{"status":200},"latencies":{"kong":"12.5","proxy":"-1","request":"1e2"}}]
                """);

        assertThat(batch.invalidEntries()).isEqualTo(5);
        assertThat(batch.firstInvalidReason()).isEqualTo("entry 1: latencies.kong is a string that is not a number");
        assertThat(batch.entries()).containsExactly(http(200).latencies(12.5, -1, 100, Double.NaN).build());
    }

    @Test
    void skips_array_elements_that_are_not_objects() throws Exception {
        LogBatch batch = parse("[1, \"entry\", [" + VALID + "], null, true, " + VALID + "]");

        assertThat(batch.entries()).hasSize(1);
        assertThat(batch.invalidEntries()).isEqualTo(5);
        assertThat(batch.firstInvalidReason()).isEqualTo("entry 1: is a number, not an object");
    }

    @Test
    void a_bad_value_early_in_an_entry_skips_the_rest_of_it_without_losing_step() throws Exception {
        String bad = """
                {"latencies":{"kong":"slow","proxy":{"nested":["]","}",{"x":"{"}]}},
                 "request":{"headers":{"a":["}","]"]},"size":5},
                 "response":{"status":200},"tries":[{"ip":"1.2.3.4"}],"service":{"name":"bad"}}
                """;
        String good = "{\"response\":{\"status\":201},\"service\":{\"name\":\"good\"}}";

        LogBatch batch = parse("[" + bad + "," + good + "]\n" + bad + "\n" + good);

        assertThat(batch.entries()).containsExactly(
                http(201).service("good", null).build(), http(201).service("good", null).build());
        assertThat(batch.invalidEntries()).isEqualTo(2);
    }

    @Test
    void a_bad_value_inside_a_nested_object_skips_the_rest_of_the_entry() throws Exception {
        String bad = "{\"consumer\":{\"username\":{\"first\":\"a\"},\"id\":\"x\"},\"response\":{\"status\":200},"
                + "\"latencies\":{\"kong\":1}}";

        LogBatch batch = parse("[" + bad + "," + VALID + "]");

        assertThat(batch.entries()).containsExactly(http(200).build());
        assertThat(batch.firstInvalidReason()).isEqualTo("entry 1: consumer.username is an object");
    }

    @Test
    void reads_sizes_sent_as_numeric_strings_by_kong_2_1_and_older() throws Exception {
        LogEntry entry = single("{\"request\":{\"size\":\"187\"},\"response\":{\"status\":200,\"size\":\"1012\"}}");

        assertThat(entry.requestSize()).isEqualTo(187);
        assertThat(entry.responseSize()).isEqualTo(1012);
    }

    @Test
    void skips_entry_with_a_size_that_is_not_a_number_or_out_of_range() throws Exception {
        LogBatch batch = parse("""
                [{"request":{"size":"big"},"response":{"status":200}},
                 {"request":{"size":[1]},"response":{"status":200}},
                 {"request":{"size":123456789012345678901234567890},"response":{"status":200}},
                 {"request":{"size":1e30},"response":{"status":200}}]
                """);

        assertThat(batch.entries()).isEmpty();
        assertThat(batch.invalidEntries()).isEqualTo(4);
    }

    @Test
    void reads_numbers_in_the_exponent_form_lua_cjson_writes() throws Exception {
        LogEntry entry = single("""
                {"response":{"status":200,"size":1.875e3},"latencies":{"request":4.1e+1},
                 "started_at":1.7501568123450e+12,
                 "tries":[{"balancer_start_ns":1.7501568123471e+18,"balancer_latency_ns":21504}]}
                """);

        assertThat(entry.responseSize()).isEqualTo(1875);
        assertThat(entry.latencyRequest()).isEqualTo(41.0);
        assertThat(entry.startedAt()).isEqualTo(1750156812345L);
        assertThat(entry.tries()).isEqualTo(1);
    }

    @Test
    void counts_tries_in_arrays_and_in_the_empty_object_of_kong_before_2_3() throws Exception {
        LogBatch batch = parse("""
                [{"response":{"status":200},"tries":[{"ip":"a"},{"ip":"b","state":"failed","code":502}]},
                 {"response":{"status":200},"tries":[]},
                 {"response":{"status":200},"tries":{}},
                 {"response":{"status":200}},
                 {"response":{"status":200},"tries":null},
                 {"response":{"status":200},"tries":"1"}]
                """);

        assertThat(batch.entries()).extracting(LogEntry::tries).containsExactly(2, 0, 0, -1, -1);
        assertThat(batch.firstInvalidReason()).isEqualTo("entry 6: tries is a string");
    }

    @Test
    void keeps_the_text_of_an_upstream_status_sent_as_a_number() throws Exception {
        assertThat(single("{\"response\":{\"status\":200},\"upstream_status\":200}").upstreamStatus())
                .isEqualTo("200");
        assertThat(single("{\"response\":{\"status\":504},\"upstream_status\":\"504, 502 : 200\"}").upstreamStatus())
                .isEqualTo("504, 502 : 200");
    }

    @Test
    void treats_json_null_as_absent() throws Exception {
        LogEntry entry = single("""
                {"service":null,"route":{"name":null,"id":"r1"},"consumer":null,"latencies":{"kong":null},
                 "request":{"size":null,"id":null},"response":{"status":200,"size":null},
                 "source":null,"upstream_status":null,"workspace_name":null,"started_at":null,"tenant":null}
                """);

        assertThat(entry).isEqualTo(http(200).route(null, "r1").build());
    }

    @Test
    void reads_names_sent_as_numbers_or_booleans_as_their_text() throws Exception {
        LogEntry entry = single("{\"consumer\":{\"custom_id\":4711,\"username\":true},\"response\":{\"status\":200}}");

        assertThat(entry.consumerCustomId()).isEqualTo("4711");
        assertThat(entry.consumerUsername()).isEqualTo("true");
    }

    @Test
    void falls_back_to_the_api_id_when_a_legacy_api_has_no_name() throws Exception {
        assertThat(single("{\"api\":{\"id\":\"a1\"},\"response\":{\"status\":200}}").apiName()).isEqualTo("a1");
        assertThat(single("{\"api\":{\"id\":\"a1\",\"name\":\"n\"},\"response\":{\"status\":200}}").apiName())
                .isEqualTo("n");
    }

    @Test
    void reads_a_stream_session_and_skips_one_without_a_status() throws Exception {
        LogBatch batch = parse("""
                [{"session":{"status":502,"received":10,"sent":"20"},"latencies":{"kong":1,"session":7}},
                 {"session":{"received":10}}]
                """);

        assertThat(batch.entries()).containsExactly(
                LogEntry.stream(502).sessionLatencies(1, 7).sizes(10, 20).build());
        assertThat(batch.firstInvalidReason()).isEqualTo("entry 2: session.status is missing");
    }

    @Test
    void an_entry_with_a_response_is_http_even_when_it_also_has_a_session() throws Exception {
        LogEntry entry = single("{\"session\":{\"status\":502,\"sent\":9},\"response\":{\"status\":200,\"size\":3}}");

        assertThat(entry.stream()).isFalse();
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.responseSize()).isEqualTo(3);
    }

    @Test
    void keeps_allowlisted_scalar_fields_as_text_and_ignores_the_rest() throws Exception {
        LogEntry entry = single("""
                {"response":{"status":101},"connection_type":"websocket","upgrade":true,"tenant":42,
                 "not_allowed":"x","trace_id":{"w3c":"abc"},"client_ip":"10.0.0.1"}
                """);

        assertThat(entry.extraFields())
                .containsExactlyInAnyOrderEntriesOf(Map.of("connection_type", "websocket", "upgrade", "true", "tenant", "42"));
    }

    @Test
    void ignores_allowlisted_fields_whose_values_are_objects_or_arrays() throws Exception {
        LogEntry entry = single("{\"response\":{\"status\":200},\"tenant\":{\"id\":1},\"upgrade\":[\"a\"]}");

        assertThat(entry.extraFields()).isEmpty();
    }

    @Test
    void invalid_utf8_in_a_skipped_header_does_not_fail_the_entry() throws Exception {
        byte[] body = concat(
                "[{\"request\":{\"headers\":{\"x-a\":\"",
                new byte[] {'a', (byte) 0xFF, 'b'},
                "\",\"x-b\":\"",
                new byte[] {(byte) 0xC3, '(', (byte) 0x80, (byte) 0xE2, (byte) 0x82},
                "\",\"x-c\":[\"",
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xC0, (byte) 0xAF},
                "\"]},\"size\":300},\"response\":{\"status\":200,\"size\":500},\"service\":{\"name\":\"orders\"}},",
                VALID + "]");

        LogBatch batch = parser.parse(body, 0, body.length);

        assertThat(batch.entries()).containsExactly(
                http(200).service("orders", null).sizes(300, 500).build(), http(200).build());
        assertThat(batch.invalidEntries()).isZero();
    }

    @Test
    void invalid_utf8_in_a_read_value_becomes_a_question_mark_and_valid_utf8_stays() throws Exception {
        byte[] body = concat(
                "{\"service\":{\"name\":\"caf", new byte[] {(byte) 0xE9}, "\",\"host\":\"café.example\"},",
                "\"response\":{\"status\":200}}");

        LogEntry entry = parser.parse(body, 0, body.length).entries().get(0);

        assertThat(entry.serviceName()).isEqualTo("caf?");
        assertThat(entry.serviceHost()).isEqualTo("café.example");
    }

    @Test
    void a_syntax_error_in_a_body_with_invalid_utf8_is_reported_at_its_original_offset() {
        byte[] body = concat("{\"h\":\"", new byte[] {(byte) 0xFF}, "\",,\"response\":{\"status\":200}}");

        assertThatThrownBy(() -> parser.parse(body, 0, body.length))
                .isInstanceOf(LogParseException.class)
                .hasMessageContaining("at byte 9");
    }

    private LogEntry single(String body) throws LogParseException {
        LogBatch batch = parse(body);
        assertThat(batch.invalidEntries()).as("invalid entries (%s)", batch.firstInvalidReason()).isZero();
        assertThat(batch.entries()).hasSize(1);
        return batch.entries().get(0);
    }

    private LogBatch parse(String body) throws LogParseException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }

    /** Strings as UTF-8 and byte arrays as they are, one after another. */
    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] bytes ? bytes : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
