package io.kongexporter.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.kongexporter.ExporterApp;
import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigLoader;
import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.Scrape;
import io.kongexporter.tls.Pem;
import io.kongfixtures.Fixtures;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polling Kong with an admin token and over TLS (custom CA, wrong certificate, insecure_skip_verify); secrets never shown. */
class KongAuthTest {
    @TempDir
    Path dir;

    @Test
    void admin_tokens_and_tls_settings_decide_which_nodes_answer() throws Exception {
        byte[] status = Fixtures.adminApi("status-3.9-dbless.json");
        Path goodCert = certificate("good", "IP:127.0.0.1");
        Path otherCert = certificate("other", "DNS:kong.other.example");
        Path token = dir.resolve("token");
        Files.writeString(token, "t0ken-s3cret\n");
        HttpsServer tls = https(goodCert, status);
        HttpsServer wrongName = https(otherCert, status);
        try (FakeKongNode rbac = new FakeKongNode().serveStatus(status).requireHeader("Kong-Admin-Token", "t0ken-s3cret");
             AutoCloseable stopTls = () -> tls.stop(0);
             AutoCloseable stopWrongName = () -> wrongName.stop(0)) {
            String tlsUrl = "https://127.0.0.1:" + tls.getAddress().getPort();
            String wrongNameUrl = "https://127.0.0.1:" + wrongName.getAddress().getPort();
            Path config = dir.resolve("kong-exporter.yml");
            Files.writeString(config, """
                    kong:
                      poll_interval: 300ms
                      timeout: 250ms
                      nodes:
                        - {name: with-token, url: '%1$s', admin_token_file: '%2$s'}
                        - {name: env-token, url: '%1$s', admin_token: '${KONG_TOKEN}'}
                        - {name: no-token, url: '%1$s'}
                        - {name: tls-ca, url: '%3$s', tls: {ca_file: '%4$s.crt'}}
                        - {name: tls-untrusted, url: '%3$s'}
                        - {name: tls-wrong-name, url: '%5$s', tls: {ca_file: '%6$s.crt'}}
                        - {name: tls-insecure, url: '%5$s', tls: {insecure_skip_verify: true}}
                    """.formatted(rbac.url(), token, tlsUrl, goodCert, wrongNameUrl, otherCert));
            var exporterConfig = ConfigLoader.load(Map.of("KONG_TOKEN", "t0ken-s3cret"), CommandLine.parse("--config", config.toString(), "--listen=127.0.0.1:0"));
            assertThat(exporterConfig.toString()).doesNotContain("t0ken-s3cret");
            try (ExporterApp app = ExporterApp.start(exporterConfig)) {
                HttpClient client = HttpClient.newHttpClient();
                Scrape s = null;
                Instant deadline = Instant.now().plusSeconds(8);
                while (Instant.now().isBefore(deadline)) {
                    Scrape current = new Scrape(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    s = current;
                    if (current.find("kong_up").stream().allMatch(x -> current.value("kong_exporter_polls_total", "node", x.labels().get("node")).orElse(0.0) >= 2)) {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertThat(s.value("kong_up", "node", "with-token")).contains(1.0);
                assertThat(s.value("kong_up", "node", "env-token")).contains(1.0);
                assertThat(s.value("kong_up", "node", "no-token")).contains(0.0);
                assertThat(s.value("kong_exporter_poll_errors_total", "node", "no-token", "reason", "http_status").orElseThrow()).isPositive();
                assertThat(s.value("kong_up", "node", "tls-ca")).as("trusted through its CA").contains(1.0);
                assertThat(s.value("kong_up", "node", "tls-untrusted")).as("a certificate nobody trusts").contains(0.0);
                assertThat(s.value("kong_exporter_poll_errors_total", "node", "tls-untrusted", "reason", "connect").orElseThrow()).isPositive();
                assertThat(s.value("kong_up", "node", "tls-wrong-name")).as("a certificate for another host name").contains(0.0);
                assertThat(s.value("kong_up", "node", "tls-insecure")).as("insecure_skip_verify, only when set").contains(1.0);
                String landing = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(landing).doesNotContain("t0ken-s3cret");
                assertThat(s.text()).doesNotContain("t0ken-s3cret");
            }
        }
    }

    /** A self-signed certificate and PKCS#8 key for the given subjectAltName; returns the path without extension. */
    private Path certificate(String name, String san) throws Exception {
        Path base = dir.resolve(name);
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=" + name,
                "-addext", "subjectAltName=" + san, "-keyout", base + ".key", "-out", base + ".crt").redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(out).isZero();
        return base;
    }

    private static HttpsServer https(Path cert, byte[] body) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(Pem.keyStore(Path.of(cert + ".crt"), Path.of(cert + ".key")), Pem.STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/status") ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
