package io.kongexporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kongexporter.ExporterApp;
import io.kongexporter.HealthCheck;
import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigLoader;
import io.kongexporter.config.ExporterConfig;
import io.kongfixtures.Fixtures;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's healthcheck ({@link HealthCheck}) against a real exporter: it follows the listen address and the
 * scheme the exporter's own settings give, over plain HTTP and over TLS (trusting the exporter's own certificate,
 * not a CA), and it fails when nothing healthy answers. The certificate names 127.0.0.1 because the listener
 * (Jetty's SNI host check) answers 400 "Invalid SNI" to a Host its certificate does not name.
 */
class HealthCheckTest {
    @TempDir
    Path dir;

    @Test
    void it_finds_a_plain_http_exporter_through_its_wildcard_listen_address() throws Exception {
        try (ExporterApp app = ExporterApp.start(ConfigLoader.load(Map.of(), CommandLine.parse("--listen=127.0.0.1:0")))) {
            ExporterConfig seen = ConfigLoader.load(Map.of("KONG_EXPORTER_LISTEN", "0.0.0.0:" + app.port()), CommandLine.parse());
            assertThat(HealthCheck.target(seen).toString()).isEqualTo("http://127.0.0.1:" + app.port() + "/-/healthy");
            assertThat(HealthCheck.check(seen)).isEqualTo(200);
            assertThat(runMain(Map.of("KONG_EXPORTER_LISTEN", ":" + app.port()))).as("the command the Dockerfile runs").isZero();
            app.close();
            assertThatThrownBy(() -> HealthCheck.check(seen)).isInstanceOf(ConnectException.class);
            assertThat(runMain(Map.of("KONG_EXPORTER_LISTEN", ":" + app.port()))).as("exit code when nothing answers").isEqualTo(1);
        }
    }

    @Test
    void it_speaks_https_when_the_web_config_has_tls_and_trusts_only_the_exporters_own_certificate() throws Exception {
        selfSigned(dir.resolve("exporter.crt"), dir.resolve("exporter.key"), "kong-exporter.monitoring.svc");
        Path web = dir.resolve("web.yml");
        Files.writeString(web, "tls_server_config:\n  cert_file: exporter.crt\n  key_file: exporter.key\n");
        try (ExporterApp app = ExporterApp.start(ConfigLoader.load(Map.of(), CommandLine.parse("--listen=127.0.0.1:0", "--web.config.file=" + web)))) {
            Map<String, String> env = Map.of("KONG_EXPORTER_LISTEN", "0.0.0.0:" + app.port(), "KONG_EXPORTER_WEB_CONFIG_FILE", web.toString());
            ExporterConfig seen = ConfigLoader.load(env, CommandLine.parse());
            assertThat(HealthCheck.target(seen).toString()).isEqualTo("https://127.0.0.1:" + app.port() + "/-/healthy");
            assertThat(HealthCheck.check(seen)).isEqualTo(200);
            assertThat(runMain(env)).isZero();

            Path other = Files.createDirectories(dir.resolve("other"));
            selfSigned(other.resolve("exporter.crt"), other.resolve("exporter.key"), "kong-exporter.monitoring.svc");
            Path otherWeb = other.resolve("web.yml");
            Files.writeString(otherWeb, Files.readString(web));
            ExporterConfig pinnedToAnother = ConfigLoader.load(Map.of("KONG_EXPORTER_LISTEN", "0.0.0.0:" + app.port(),
                    "KONG_EXPORTER_WEB_CONFIG_FILE", otherWeb.toString()), CommandLine.parse());
            assertThatThrownBy(() -> HealthCheck.check(pinnedToAnother)).as("another certificate with the same name is not trusted")
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void the_dockerfile_healthcheck_runs_this_class_from_the_jar_the_image_copies() throws Exception {
        String dockerfile = Files.readString(Fixtures.projectRoot().resolve("exporter/Dockerfile"));
        Matcher copy = Pattern.compile("(?m)^COPY --from=build \\S+/kong-exporter\\.jar (\\S+)$").matcher(dockerfile);
        assertThat(copy.find()).as("the runtime stage copies the jar").isTrue();
        Matcher instruction = Pattern.compile("(?m)^HEALTHCHECK ").matcher(dockerfile);
        assertThat(instruction.find()).isTrue();
        String healthcheck = dockerfile.substring(instruction.start(), dockerfile.indexOf("\nENTRYPOINT"));
        assertThat(healthcheck).contains("\"-cp\", \"" + copy.group(1) + "\", \"" + HealthCheck.class.getName() + "\"]").doesNotContain("curl");
    }

    private static int runMain(Map<String, String> env) throws Exception {
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HealthCheck.class.getName()).redirectErrorStream(true);
        java.environment().keySet().removeIf(name -> name.startsWith("KONG_EXPORTER_"));
        java.environment().putAll(env);
        Process process = java.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        return process.exitValue();
    }

    private static void selfSigned(Path cert, Path key, String name) throws Exception {
        List<String> command = List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=" + name,
                "-addext", "subjectAltName=DNS:" + name + ",IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString());
        Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(out).isZero();
    }
}
