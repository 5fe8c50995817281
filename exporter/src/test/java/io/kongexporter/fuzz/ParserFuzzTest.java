package io.kongexporter.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kongexporter.ingest.LogEntryParser;
import io.kongexporter.ingest.LogParseException;
import io.kongexporter.status.KongParseException;
import io.kongexporter.status.StatusParser;
import java.util.Set;

/**
 * Coverage-guided fuzzing (Jazzer) of the two parsers that read bytes from outside: the http-log entry parser and
 * the {@code /status} parser. Each may only ever throw its documented parse error; anything else (a runtime
 * exception, a stack overflow, an out-of-memory from an unbounded allocation) fails the test. The first byte picks
 * the parser, so one fuzz run covers both. Fuzzed for a bounded time when {@code JAZZER_FUZZ=1} (the test command
 * sets it); otherwise the stored corpus is replayed.
 */
class ParserFuzzTest {
    private static final LogEntryParser LOG_PARSER = new LogEntryParser(Set.of("connection_type"), LogEntryParser.Limits.DEFAULTS);

    @FuzzTest(maxDuration = "60s")
    void parsers_only_ever_throw_their_parse_error(byte[] input) {
        if (input.length == 0) {
            return;
        }
        if ((input[0] & 1) == 0) {
            try {
                LOG_PARSER.parse(input, 1, input.length - 1);
            } catch (LogParseException expected) {
                // the documented answer to a bad body: 400
            }
        } else {
            byte[] body = java.util.Arrays.copyOfRange(input, 1, input.length);
            try {
                StatusParser.parse(body);
            } catch (KongParseException expected) {
                // the documented answer to a bad /status: a parse error, the node is down
            }
        }
    }
}
