package io.kongexporter;

import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigLoader;
import io.kongexporter.config.ExporterConfig;
import io.kongexporter.config.ListenAddress;
import io.kongexporter.config.WebConfig;
import io.kongexporter.tls.Pem;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The container's healthcheck, without curl: {@code java -cp kong-exporter.jar io.kongexporter.HealthCheck}
 * asks the exporter's own listener for {@code /-/healthy} and exits 0 on 200, else 1. It reads the listen address
 * and the web config the way the exporter does ({@code KONG_EXPORTER_LISTEN}, {@code KONG_EXPORTER_WEB_CONFIG_FILE},
 * the same flags), calls a wildcard address on loopback, and speaks https when the web config has
 * {@code tls_server_config}, trusting exactly the exporter's own certificate (whatever names it carries) and
 * presenting it as a client certificate in case the listener asks for one.
 */
public final class HealthCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private HealthCheck() {}

    public static void main(String[] args) {
        try {
            ExporterConfig config = ConfigLoader.load(System.getenv(), CommandLine.parse(args));
            int status = check(config);
            System.out.println(target(config) + " answered " + status);
            System.exit(status == 200 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("unhealthy: " + e);
            System.exit(1);
        }
    }

    /** The status code of {@code GET /-/healthy} on the exporter the config describes. */
    public static int check(ExporterConfig config) throws IOException, InterruptedException, GeneralSecurityException {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (config.web().tls().isPresent()) {
            client.sslContext(ownCertificate(config.web().tls().get()));
        }
        HttpRequest request = HttpRequest.newBuilder(target(config)).timeout(TIMEOUT).GET().build();
        return client.build().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public static URI target(ExporterConfig config) {
        ListenAddress listen = config.listen();
        String host = switch (listen.host()) {
            case "0.0.0.0", "", "*" -> "127.0.0.1";
            case "::", "::0" -> "[::1]";
            default -> listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host();
        };
        String scheme = config.web().tls().isPresent() ? "https" : "http";
        return URI.create(scheme + "://" + host + ":" + listen.port() + "/-/healthy");
    }

    private static SSLContext ownCertificate(WebConfig.Tls tls) throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(Pem.keyStore(tls.certFile(), tls.keyFile()), Pem.STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), new TrustManager[] {new PinnedCertificate(Pem.certificates(tls.certFile()))}, null);
        return context;
    }

    /** Trusts a server whose certificate is one of the given ones: a loopback check of our own listener. */
    private static final class PinnedCertificate extends X509ExtendedTrustManager {
        private final Collection<? extends Certificate> pinned;

        PinnedCertificate(Collection<? extends Certificate> pinned) {
            this.pinned = pinned;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0 || !pinned.contains(chain[0])) {
                throw new CertificateException("the listener's certificate is not the exporter's own (tls_server_config.cert_file)");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a healthcheck is never a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
