package io.kongexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.logging.LogSettings;
import io.kongexporter.metrics.BuildInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real jar's entry point: {@code --config.check} exits 0 or 2 without starting anything. */
class KongExporterTest {
    @TempDir
    Path dir;

    @Test
    void config_check_exits_0_for_a_valid_file() throws Exception {
        Path file = dir.resolve("ok.yml");
        Files.writeString(file, "kong:\n  nodes:\n    - url: http://127.0.0.1:8001\n");
        Result result = run("--config", file.toString(), "--config.check");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("configuration OK");
    }

    @Test
    void config_check_exits_2_and_names_the_bad_key() throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "kong:\n  poll_interval: fast\n");
        Result result = run("--config", file.toString(), "--config.check");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("kong.poll_interval").contains("fast");
    }

    @Test
    void an_unknown_flag_exits_2_even_without_config_check() throws Exception {
        Result result = run("--frobnicate");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--frobnicate");
    }

    @Test
    void short_h_prints_the_generated_help_and_short_v_the_version() throws Exception {
        Result help = run("-h");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--kong.poll_interval").contains("KONG_EXPORTER_KONG_POLL_INTERVAL").contains("--ingest.token_file");
        Result version = run("-v");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("kong-exporter, version ");
    }

    @Test
    void version_prints_version_branch_revision_build_date_and_java_version_like_prometheus_exporters() throws Exception {
        Result result = run("--version");
        assertThat(result.code()).isZero();
        BuildInfo build = BuildInfo.fromBuild();
        assertThat(result.out().lines().toList()).startsWith(
                "kong-exporter, version " + build.version() + " (branch: " + build.branch() + ", revision: " + build.revision() + ")",
                "  build date:       " + build.buildDate(),
                "  java version:     " + System.getProperty("java.version"));
        assertThat(build.version()).doesNotContain("${").isNotEqualTo("unknown");
    }

    @Test
    void a_bare_boolean_flag_before_config_check_is_not_taken_as_its_value() throws Exception {
        Result result = run("--kong.upstream_health", "--config.check");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("configuration OK");
    }

    @Test
    void a_taken_port_exits_1_with_one_log_line_and_no_stack_trace() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            PrintStream previous = LogSettings.redirect(new PrintStream(lines, true, StandardCharsets.UTF_8));
            Result result;
            try {
                result = run("--listen=127.0.0.1:" + taken.getLocalPort());
            } finally {
                LogSettings.redirect(previous);
            }
            assertThat(result.code()).isEqualTo(1);
            List<String> logged = lines.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(logged).filteredOn(l -> l.contains("logger=KongExporter")).singleElement().asString()
                    .contains("level=error").contains("cannot start").contains("Address already in use");
            assertThat(logged).as("no stack trace, in a line or across lines").noneMatch(l -> l.contains("\\tat ") || l.startsWith("\tat "));
        }
    }

    record Result(int code, String out, String err) {}

    private static Result run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = KongExporter.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
