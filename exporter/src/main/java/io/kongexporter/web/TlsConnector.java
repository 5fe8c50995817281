package io.kongexporter.web;

import io.kongexporter.config.ListenAddress;
import io.kongexporter.config.WebConfig;
import io.kongexporter.tls.Pem;
import java.io.IOException;
import java.security.GeneralSecurityException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The exporter's listener over TLS, from PEM files as the exporter-toolkit web config names them. */
final class TlsConnector {
    private TlsConnector() {}

    static Connector create(Server server, HttpConfiguration http, ListenAddress listen, SslContextFactory.Server ssl, WebConfig.Tls tls) {
        configure(ssl, tls);
        ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(withoutSniHostCheck(http)));
        connector.setHost(listen.host());
        connector.setPort(listen.port());
        return connector;
    }

    /**
     * Jetty answers 400 "Invalid SNI" when the Host a client asks for is not a name of the certificate; kubelet
     * probes and Prometheus scrape pods by IP, so that check would fail every one of them. The certificate still
     * proves the exporter's identity to clients that verify it.
     */
    private static HttpConfiguration withoutSniHostCheck(HttpConfiguration http) {
        HttpConfiguration https = new HttpConfiguration(http);
        https.getCustomizers().removeIf(customizer -> customizer instanceof SecureRequestCustomizer);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        return https;
    }

    /** Loads the PEM files into the factory; also used to reload them (new certificate, new client CA) without a restart. */
    static void configure(SslContextFactory ssl, WebConfig.Tls tls) {
        try {
            ssl.setKeyStore(Pem.keyStore(tls.certFile(), tls.keyFile()));
            ssl.setKeyStorePassword(new String(Pem.STORE_PASSWORD));
            ssl.setTrustStore(tls.clientCaFile().isPresent() ? Pem.trustStore(tls.clientCaFile().get()) : null);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the TLS certificate or key of the web config: " + e.getMessage(), e);
        }
        if (ssl instanceof SslContextFactory.Server server) {
            server.setNeedClientAuth(tls.clientAuthType().equals("RequireAndVerifyClientCert") || tls.clientAuthType().equals("RequireAnyClientCert"));
            server.setWantClientAuth(tls.clientAuthType().equals("VerifyClientCertIfGiven") || tls.clientAuthType().equals("RequestClientCert"));
        }
    }
}
