package io.kongexporter.ingest;

import static io.kongexporter.ingest.LogEntryParserFixturesTest.NO_ROUTE_404;
import static io.kongexporter.ingest.LogEntryParserFixturesTest.PROXIED_200_CONSUMER;
import static io.kongexporter.ingest.LogEntryParserFixturesTest.REJECTED_401;
import static io.kongexporter.ingest.LogEntryParserFixturesTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shapes a body can have: object, array, array of one, NDJSON, empty. */
class LogEntryParserBodyFormsTest {

    private static String proxied200;
    private static String rejected401;
    private static String noRoute404;

    private final LogEntryParser parser = new LogEntryParser(Set.of(), LogEntryParser.Limits.DEFAULTS);

    @BeforeAll
    static void readWireEntries() throws Exception {
        proxied200 = new String(fixture("entry-3.9-proxied-200-consumer.wire.json"), StandardCharsets.UTF_8).strip();
        rejected401 = compact("entry-3.9-rejected-401-key-auth.json");
        noRoute404 = compact("entry-3.9-no-route-404-global-plugin.json");
    }

    @Test
    void one_object_is_one_entry() throws Exception {
        assertThat(parse(proxied200).entries()).containsExactly(PROXIED_200_CONSUMER);
    }

    @Test
    void an_array_gives_its_entries_in_body_order() throws Exception {
        LogBatch batch = parse("[" + rejected401 + "," + proxied200 + "," + noRoute404 + "]");

        assertThat(batch.entries()).containsExactly(REJECTED_401, PROXIED_200_CONSUMER, NO_ROUTE_404);
        assertThat(batch.invalidEntries()).isZero();
    }

    @Test
    void an_array_of_one_is_one_entry() throws Exception {
        assertThat(parse("[" + proxied200 + "]").entries()).containsExactly(PROXIED_200_CONSUMER);
    }

    @Test
    void ndjson_lines_are_separate_entries() throws Exception {
        LogBatch batch = parse(proxied200 + "\n" + rejected401 + "\n" + noRoute404 + "\n");

        assertThat(batch.entries()).containsExactly(PROXIED_200_CONSUMER, REJECTED_401, NO_ROUTE_404);
    }

    @Test
    void ndjson_with_crlf_line_ends_and_blank_lines_is_read_the_same() throws Exception {
        LogBatch batch = parse("\r\n" + proxied200 + "\r\n\r\n" + rejected401 + "\r\n");

        assertThat(batch.entries()).containsExactly(PROXIED_200_CONSUMER, REJECTED_401);
    }

    @Test
    void pretty_printed_objects_one_after_another_are_read_as_a_sequence() throws Exception {
        String pretty = new String(fixture("entry-3.9-proxied-200-consumer.json"), StandardCharsets.UTF_8);

        assertThat(parse(pretty + pretty).entries()).containsExactly(PROXIED_200_CONSUMER, PROXIED_200_CONSUMER);
    }

    @Test
    void arrays_one_after_another_are_read_like_one_batch() throws Exception {
        LogBatch batch = parse("[" + proxied200 + "]\n[" + rejected401 + "," + noRoute404 + "]");

        assertThat(batch.entries()).containsExactly(PROXIED_200_CONSUMER, REJECTED_401, NO_ROUTE_404);
    }

    @Test
    void an_empty_array_is_valid_and_has_no_entries() throws Exception {
        LogBatch batch = parse("[]");

        assertThat(batch.entries()).isEmpty();
        assertThat(batch.invalidEntries()).isZero();
    }

    @Test
    void an_empty_or_blank_body_is_valid_and_has_no_entries() throws Exception {
        assertThat(parse("").entries()).isEmpty();
        assertThat(parse(" \r\n\t ").entries()).isEmpty();
        assertThat(parser.parse(new byte[0], 0, 0).invalidEntries()).isZero();
    }

    @Test
    void an_empty_slice_of_a_non_empty_buffer_has_no_entries() throws Exception {
        byte[] buffer = proxied200.getBytes(StandardCharsets.UTF_8);

        assertThat(parser.parse(buffer, 5, 0).entries()).isEmpty();
    }

    private LogBatch parse(String body) throws LogParseException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }

    /** A pretty-printed fixture on one line (fixtures hold no line breaks inside strings). */
    private static String compact(String file) throws Exception {
        return new String(fixture(file), StandardCharsets.UTF_8).replaceAll("\\s*\\n\\s*", "");
    }
}
