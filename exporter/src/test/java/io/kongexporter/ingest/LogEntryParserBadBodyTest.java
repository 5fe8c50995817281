package io.kongexporter.ingest;

import static io.kongexporter.ingest.LogEntryParserFixturesTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bodies that are unusable as a whole: the parser throws and hands back nothing. */
class LogEntryParserBadBodyTest {

    private static final String VALID = "{\"response\":{\"status\":200}}";

    private final LogEntryParser parser = new LogEntryParser(Set.of(), LogEntryParser.Limits.DEFAULTS);

    @Test
    void rejects_a_body_that_is_not_json_and_says_where() {
        assertThatThrownBy(() -> parse("xyz"))
                .isInstanceOf(LogParseException.class)
                .hasMessageStartingWith("body is not JSON: ")
                .hasMessageContaining("'xyz'")
                .hasMessageContaining("at byte 0");
    }

    @Test
    void rejects_an_html_error_page() {
        assertThatThrownBy(() -> parse("<html><body>502 Bad Gateway</body></html>"))
                .hasMessageStartingWith("body is not JSON: unexpected character ('<'")
                .hasMessageContaining("at byte 0");
    }

    @Test
    void rejects_a_syntax_error_after_valid_entries_and_returns_none_of_them() {
        String body = "[" + VALID + "," + VALID + ",{\"response\":{\"status\":200,}}]";

        assertThatThrownBy(() -> parse(body))
                .hasMessageStartingWith("body is not JSON: ")
                .hasMessageContaining("at byte " + (body.indexOf(",}}") + 1))
                .hasMessageEndingWith("(after 2 entries)");
    }

    @Test
    void rejects_a_batch_cut_in_the_middle_of_an_entry() throws Exception {
        byte[] batch = fixture("batch-3.9-five-entries.wire.json");
        int insideThirdEntry = new String(batch, StandardCharsets.UTF_8).indexOf("5e7a9c1e3f5b");

        assertThatThrownBy(() -> parser.parse(batch, 0, insideThirdEntry))
                .isInstanceOf(LogParseException.class)
                .hasMessage("body is truncated: unexpected end of input inside an entry (after 2 entries)");
    }

    @Test
    void rejects_a_batch_cut_between_two_entries() {
        assertThatThrownBy(() -> parse("[" + VALID + "," + VALID + ","))
                .hasMessage("body is truncated: unexpected end of input inside the array (after 2 entries)");
    }

    @Test
    void rejects_a_single_entry_cut_inside_a_string() throws Exception {
        byte[] entry = fixture("entry-3.9-proxied-200-consumer.wire.json");

        assertThatThrownBy(() -> parser.parse(entry, 0, entry.length / 2))
                .hasMessage("body is truncated: unexpected end of input inside an entry (after 0 entries)");
    }

    @Test
    void rejects_a_top_level_number() {
        assertThatThrownBy(() -> parse("42"))
                .hasMessage("body must hold objects or arrays of objects, found a number at top level at byte 0");
    }

    @Test
    void rejects_top_level_strings_booleans_and_null() {
        assertThatThrownBy(() -> parse("\"hello\"")).hasMessageContaining("found a string at top level");
        assertThatThrownBy(() -> parse("true")).hasMessageContaining("found a boolean at top level");
        assertThatThrownBy(() -> parse(" null")).hasMessageContaining("found null at top level at byte 1");
    }

    @Test
    void rejects_ndjson_with_a_scalar_line_after_valid_objects() {
        String body = VALID + "\n" + VALID + "\n7\n";

        assertThatThrownBy(() -> parse(body))
                .hasMessage("body must hold objects or arrays of objects, found a number at top level at byte "
                        + body.indexOf('7'));
    }

    @Test
    void rejects_nesting_deeper_than_the_limit_even_inside_skipped_headers() {
        String deep = "[".repeat(70) + "]".repeat(70);
        String body = "[{\"response\":{\"status\":200},\"request\":{\"headers\":{\"x\":" + deep + "}}}]";

        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(LogParseException.class)
                .hasMessageStartingWith("body is nested too deep: nesting deeper than 64 levels at byte ");
    }

    @Test
    void accepts_nesting_exactly_at_the_limit_and_rejects_one_level_more() throws Exception {
        LogEntryParser shallow = new LogEntryParser(Set.of(), new LogEntryParser.Limits(5, 1024));
        String atLimit = "[{\"response\":{\"status\":200},\"request\":{\"headers\":{\"x\":[]}}}]";
        String beyond = "[{\"response\":{\"status\":200},\"request\":{\"headers\":{\"x\":[[]]}}}]";

        assertThat(parse(shallow, atLimit).entries()).hasSize(1);
        assertThatThrownBy(() -> parse(shallow, beyond))
                .hasMessageStartingWith("body is nested too deep: nesting deeper than 5 levels");
    }

    @Test
    void skips_a_string_longer_than_the_limit_in_a_skipped_header_without_decoding_it_but_rejects_one_that_is_read() throws Exception {
        String huge = "a".repeat(1024 * 1024 + 1);
        String skipped = "{\"request\":{\"headers\":{\"cookie\":\"" + huge + "\"}},\"response\":{\"status\":200}}";
        String read = "{\"request\":{\"id\":\"" + huge + "\"},\"response\":{\"status\":200}}";

        assertThat(parse(skipped).entries()).extracting(LogEntry::status).containsExactly(200);
        assertThatThrownBy(() -> parse(read))
                .isInstanceOf(LogParseException.class)
                .hasMessageStartingWith("body has a string longer than 1048576 characters at byte ")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void applies_the_string_limit_to_read_values_and_field_names_not_to_skipped_values() throws Exception {
        LogEntryParser small = new LogEntryParser(Set.of(), new LogEntryParser.Limits(64, 16));
        String limit = "s".repeat(16);
        String over = "s".repeat(17);

        assertThat(parse(small, "{\"service\":{\"name\":\"" + limit + "\"},\"response\":{\"status\":200}}")
                .entries()).extracting(LogEntry::serviceName).containsExactly(limit);
        assertThatThrownBy(() -> parse(small, "{\"service\":{\"name\":\"" + over + "\"},\"response\":{\"status\":200}}"))
                .hasMessageStartingWith("body has a string longer than 16 characters");
        assertThat(parse(small, "{\"client_ip\":\"" + over + "\",\"response\":{\"status\":200}}").entries()).hasSize(1);
        assertThatThrownBy(() -> parse(small, "{\"" + over + "\":1,\"response\":{\"status\":200}}"))
                .hasMessageStartingWith("body has a string longer than 16 characters");
    }

    @Test
    void never_quotes_more_than_forty_characters_of_the_input() {
        String garbage = "x".repeat(10_000);

        assertThatThrownBy(() -> parse(garbage))
                .hasMessageStartingWith("body is not JSON: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("x".repeat(41)).hasSizeLessThan(300));
    }

    @Test
    void rejects_invalid_utf8_outside_strings_at_its_byte_offset() {
        byte[] body = {'[', (byte) 0xFF, ']'};

        assertThatThrownBy(() -> parser.parse(body, 0, body.length))
                .hasMessageStartingWith("body is not JSON: ")
                .hasMessageContaining("at byte 1");
    }

    @Test
    void reports_offsets_relative_to_the_slice_not_the_buffer() {
        byte[] buffer = new byte[32];
        Arrays.fill(buffer, (byte) ' ');
        buffer[10] = 'x';

        assertThatThrownBy(() -> parser.parse(buffer, 8, 10)).hasMessageContaining("at byte 2");
    }

    @Test
    void limits_reject_values_that_cannot_work() {
        assertThatThrownBy(() -> new LogEntryParser.Limits(1, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogEntryParser.Limits(64, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private LogBatch parse(String body) throws LogParseException {
        return parse(parser, body);
    }

    private static LogBatch parse(LogEntryParser parser, String body) throws LogParseException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }
}
