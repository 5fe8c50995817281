package io.kongexporter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.kongexporter.config.LogConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The exporter's SLF4J provider: one parseable logfmt or JSON line per event, levels, libraries kept quiet. */
class LineLoggingTest {
    private static final Logger LOG = LoggerFactory.getLogger("io.kongexporter.status.NodePoller");
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream previous;
    private LogConfig before;

    @BeforeEach
    void capture() {
        before = LogSettings.current();
        previous = LogSettings.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        LogSettings.redirect(previous);
        LogSettings.apply(before);
    }

    @Test
    void slf4j_binds_to_the_exporters_provider() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LineLoggerFactory.class);
    }

    @Test
    void a_logfmt_line_parses_back_to_its_fields_and_a_newline_in_a_message_stays_on_its_line() {
        LogSettings.apply(new LogConfig(LogConfig.Level.INFO, LogConfig.Format.LOGFMT));
        LOG.info("node {} is down: {}", "kong-1", "connect refused\nlevel=error msg=\"forged\" = \\ \t");
        LOG.warn("second event");
        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        Map<String, String> first = logfmt(lines.get(0));
        assertThat(first).containsOnlyKeys("time", "level", "logger", "msg");
        assertThat(first).containsEntry("level", "info").containsEntry("logger", "NodePoller")
                .containsEntry("msg", "node kong-1 is down: connect refused\nlevel=error msg=\"forged\" = \\ \t");
        assertThat(first.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(logfmt(lines.get(1))).containsEntry("level", "warn").containsEntry("msg", "second event");
    }

    @Test
    void a_json_line_parses_and_a_newline_in_a_message_stays_on_its_line() throws Exception {
        LogSettings.apply(new LogConfig(LogConfig.Level.INFO, LogConfig.Format.JSON));
        LOG.info("multi\nline \"quoted\" \u0001 \u2028 end");
        LOG.error("failed", new IllegalStateException("boom\nsecond line"));
        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.path("level").asText()).isEqualTo("info");
        assertThat(first.path("msg").asText()).isEqualTo("multi\nline \"quoted\" \u0001 \u2028 end");
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.path("err").asText()).isEqualTo("java.lang.IllegalStateException: boom\nsecond line");
        assertThat(second.has("stack")).as("no stack trace below debug").isFalse();
    }

    @Test
    void a_stack_trace_is_written_only_at_debug_and_inside_its_one_line() {
        LogSettings.apply(new LogConfig(LogConfig.Level.DEBUG, LogConfig.Format.LOGFMT));
        LOG.warn("failed", new IllegalStateException("boom"));
        List<String> lines = lines();
        assertThat(lines).hasSize(1);
        assertThat(logfmt(lines.get(0)).get("stack")).startsWith("java.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void the_level_filters_the_exporters_lines_and_applies_at_once() {
        LogSettings.apply(new LogConfig(LogConfig.Level.WARN, LogConfig.Format.LOGFMT));
        LOG.debug("d1");
        LOG.info("i1");
        LOG.warn("w1");
        LOG.error("e1");
        LogSettings.apply(new LogConfig(LogConfig.Level.DEBUG, LogConfig.Format.LOGFMT));
        LOG.debug("d2");
        LogSettings.apply(new LogConfig(LogConfig.Level.ERROR, LogConfig.Format.LOGFMT));
        LOG.warn("w2");
        LOG.error("e2");
        assertThat(lines().stream().map(l -> logfmt(l).get("msg")).toList()).containsExactly("w1", "e1", "d2", "e2");
    }

    @Test
    void resilience4j_per_call_debug_lines_stay_out_at_info_and_at_debug() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("node-a");
        for (LogConfig.Level level : List.of(LogConfig.Level.INFO, LogConfig.Level.DEBUG)) {
            LogSettings.apply(new LogConfig(level, LogConfig.Format.LOGFMT));
            assertThat(breaker.executeSupplier(() -> 42)).isEqualTo(42);
        }
        // Resilience4j does log each call ("CircuitBreaker 'node-a' succeeded:") at debug, to this logger
        Logger library = LoggerFactory.getLogger("io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine");
        assertThat(library.isDebugEnabled()).isFalse();
        library.warn("a library warning still shows");
        assertThat(lines()).hasSize(1).allSatisfy(l -> assertThat(logfmt(l)).containsEntry("msg", "a library warning still shows")
                .containsEntry("logger", "io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine"));
    }

    private List<String> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** A strict logfmt reader: key=value or key="escaped value", separated by single spaces. */
    static Map<String, String> logfmt(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < line.length()) {
            int eq = line.indexOf('=', i);
            assertThat(eq).as("a key= at %d of %s", i, line).isGreaterThan(i);
            String key = line.substring(i, eq);
            assertThat(key).matches("[a-z_]+");
            StringBuilder value = new StringBuilder();
            i = eq + 1;
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        char e = line.charAt(i++);
                        switch (e) {
                            case 'n' -> value.append('\n');
                            case 'r' -> value.append('\r');
                            case 't' -> value.append('\t');
                            case 'u' -> {
                                value.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
                                i += 4;
                            }
                            default -> value.append(e);
                        }
                    } else {
                        value.append(c);
                    }
                }
                i++;
            } else {
                while (i < line.length() && line.charAt(i) != ' ') {
                    value.append(line.charAt(i++));
                }
            }
            assertThat(fields.put(key, value.toString())).as("key %s once", key).isNull();
            if (i < line.length()) {
                assertThat(line.charAt(i)).isEqualTo(' ');
                i++;
            }
        }
        return fields;
    }
}
