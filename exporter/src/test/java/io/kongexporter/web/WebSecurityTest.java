package io.kongexporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.kongexporter.ExporterApp;
import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigException;
import io.kongexporter.config.ConfigLoader;
import io.kongfixtures.Fixtures;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web config (exporter-toolkit format): TLS, bcrypt basic auth on everything but /-/healthy and the log endpoint, headers. */
class WebSecurityTest {
    @TempDir
    Path dir;

    @Test
    void tls_and_basic_auth_protect_the_exporter_but_not_health_or_the_log_endpoint() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        selfSigned(cert, key, "first");
        String hash = BCrypt.withDefaults().hashToString(6, "s3cret".toCharArray());
        Path web = dir.resolve("web.yml");
        Files.writeString(web, """
                tls_server_config:
                  cert_file: cert.pem
                  key_file: key.pem
                basic_auth_users:
                  prometheus: '%s'
                http_server_config:
                  headers:
                    X-Frame-Options: deny
                """.formatted(hash));
        var config = ConfigLoader.load(Map.of(), CommandLine.parse("--listen=127.0.0.1:0", "--web.config.file=" + web, "--ingest.token=tok"));
        try (ExporterApp app = ExporterApp.start(config)) {
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(5)).build();
            String base = "https://127.0.0.1:" + app.port();
            String good = "Basic " + Base64.getEncoder().encodeToString("prometheus:s3cret".getBytes(StandardCharsets.UTF_8));
            String bad = "Basic " + Base64.getEncoder().encodeToString("prometheus:wrong".getBytes(StandardCharsets.UTF_8));

            for (String path : List.of("/metrics", "/probe?target=x", "/events", "/live/", "/api/history", "/")) {
                HttpResponse<String> anonymous = get(https, base + path);
                assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
                assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
                assertThat(get(https, base + path, "Authorization", bad).statusCode()).as(path).isEqualTo(401);
            }
            HttpResponse<String> metrics = get(https, base + "/metrics", "Authorization", good);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("kong_exporter_build_info");
            assertThat(metrics.headers().firstValue("X-Frame-Options")).contains("deny");
            assertThat(get(https, base + "/-/healthy").statusCode()).isEqualTo(200);
            HttpResponse<String> logs = https.send(HttpRequest.newBuilder(URI.create(base + "/logs")).header("Authorization", "Bearer tok")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.httpLog("entry-2.8-proxied-200.json"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(logs.statusCode()).as("the log endpoint keeps its own token").isEqualTo(200);

            Path oldCert = dir.resolve("old.pem");
            Files.copy(cert, oldCert);
            selfSigned(cert, key, "rotated");
            HttpResponse<String> reload = https.send(HttpRequest.newBuilder(URI.create(base + "/-/reload")).header("Authorization", good)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
            assertThat(reload.body()).doesNotContain("tls_server_config");
            HttpClient trustsNew = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            assertThat(get(trustsNew, base + "/-/healthy").statusCode()).as("the rotated certificate is served after a reload").isEqualTo(200);
            HttpClient trustsOld = HttpClient.newBuilder().sslContext(trusting(oldCert)).build();
            assertThatThrownBy(() -> get(trustsOld, base + "/-/healthy")).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/-/healthy")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString())).as("no plain HTTP on a TLS listener").isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void a_bad_web_config_is_a_configuration_error_naming_the_key() throws Exception {
        Path web = dir.resolve("web.yml");
        Files.writeString(web, "basic_auth_users:\n  alice: not-a-hash\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--web.config.file=" + web)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic_auth_users.alice").hasMessageNotContaining("not-a-hash");
        Files.writeString(web, "tls_server_config:\n  cert_file: missing.pem\n  key_file: missing.pem\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--web.config.file=" + web)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cert_file");
        Files.writeString(web, "basic_auth: {}\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--web.config.file=" + web)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'basic_auth'");
    }

    private static HttpResponse<String> get(HttpClient client, String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (url.contains("/events")) {
            return client.send(request.build(), r -> r.statusCode() == 200
                    ? HttpResponse.BodySubscribers.replacing("stream") : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Kubelet probes and Prometheus reach a pod by its IP, a name the certificate does not carry: still answered. */
    @Test
    void over_tls_a_host_the_certificate_does_not_name_is_answered() throws Exception {
        Path cert = dir.resolve("pod.pem");
        Path key = dir.resolve("pod-key.pem");
        selfSigned(cert, key, "kong-exporter");
        Path web = dir.resolve("pod-web.yml");
        Files.writeString(web, "tls_server_config:\n  cert_file: pod.pem\n  key_file: pod-key.pem\n");
        var config = ConfigLoader.load(Map.of(), CommandLine.parse("--listen=127.0.0.1:0", "--web.config.file=" + web));
        try (ExporterApp app = ExporterApp.start(config);
             javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) trusting(cert).getSocketFactory().createSocket("127.0.0.1", app.port())) {
            javax.net.ssl.SSLParameters sni = socket.getSSLParameters();
            sni.setServerNames(List.of(new javax.net.ssl.SNIHostName("kong-exporter.monitoring.svc")));
            socket.setSSLParameters(sni);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /-/healthy HTTP/1.1\r\nHost: 10.244.3.17:9542\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    private static void selfSigned(Path cert, Path key, String name) throws Exception {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=" + name,
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(out).isZero();
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("exporter", CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
