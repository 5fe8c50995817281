package io.kongexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kongexporter.support.RunningExporter;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the log-entry parser over generated input: any byte sequence gives either a parse error (answered
 * 400) or counted entries, never another exception; a well-formed body of n entries gives exactly n, accepted plus
 * invalid. Each seed is one reproducible case.
 */
class LogEntryParserPropertiesTest {
    private static final LogEntryParser PARSER = new LogEntryParser(Set.of("connection_type"), LogEntryParser.Limits.DEFAULTS);

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void any_bytes_give_a_parse_error_or_counted_entries(long seed) {
        RandomLogBodies bodies = new RandomLogBodies(seed);
        for (int i = 0; i < 20; i++) {
            byte[] body = switch (bodies.nextInt(3)) {
                case 0 -> bodies.bytes(300);
                case 1 -> bodies.damaged(bodies.batch(1 + bodies.nextInt(5)));
                default -> bodies.damaged(bodies.bytes(64));
            };
            parseOrFail(seed, body);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void a_well_formed_body_of_n_entries_counts_n(long seed) {
        RandomLogBodies bodies = new RandomLogBodies(seed);
        int n = 1 + bodies.nextInt(20);
        byte[] body = bodies.batch(n);
        LogBatch batch = parseOrFail(seed, body);
        assertThat(batch).as("seed %d: %s", seed, new String(body, java.nio.charset.StandardCharsets.UTF_8)).isNotNull();
        assertThat(batch.entries().size() + batch.invalidEntries()).isEqualTo(n);
    }

    @org.junit.jupiter.api.Test
    void every_generated_body_posted_to_the_endpoint_is_answered_200_or_400_and_counted() {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--ingest.dedupe_window=0s")) {
            long accepted = 0;
            long invalid = 0;
            for (long seed = 0; seed < 300; seed++) {
                RandomLogBodies bodies = new RandomLogBodies(seed);
                byte[] body = seed % 2 == 0 ? bodies.batch(1 + bodies.nextInt(10)) : bodies.damaged(bodies.batch(1 + bodies.nextInt(10)));
                LogBatch expected = parseOrFail(seed, body);
                HttpResponse<String> answer = exporter.post("/logs", body);
                if (expected == null) {
                    assertThat(answer.statusCode()).as("seed %d", seed).isEqualTo(400);
                } else {
                    assertThat(answer.statusCode()).as("seed %d: %s", seed, answer.body()).isEqualTo(200);
                    accepted += expected.entries().size();
                    invalid += expected.invalidEntries();
                }
            }
            var scrape = exporter.scrape();
            assertThat(scrape.value("kong_exporter_log_entries_total", "result", "accepted")).contains((double) accepted);
            assertThat(scrape.value("kong_exporter_log_entries_total", "result", "invalid")).contains((double) invalid);
        }
    }

    /** The batch, or null for a parse error; any other exception fails with the seed and the body. */
    private static LogBatch parseOrFail(long seed, byte[] body) {
        try {
            LogBatch batch = PARSER.parse(body, 0, body.length);
            assertThat(batch.invalidEntries()).isNotNegative();
            return batch;
        } catch (LogParseException expected) {
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            return fail("seed " + seed + ": " + e + " for body " + HexFormat.of().formatHex(body), e);
        }
    }
}
