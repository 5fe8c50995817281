package io.kongexporter.web;

import io.kongexporter.config.ListenAddress;
import io.kongexporter.config.WebConfig;
import io.kongexporter.tls.Pem;
import java.io.IOException;
import java.security.GeneralSecurityException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The exporter's listener over TLS, from PEM files as the exporter-toolkit web config names them. */
final class TlsConnector {
    private TlsConnector() {}

    static Connector create(Server server, HttpConfiguration http, ListenAddress listen, WebConfig.Tls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        try {
            ssl.setKeyStore(Pem.keyStore(tls.certFile(), tls.keyFile()));
            ssl.setKeyStorePassword(new String(Pem.STORE_PASSWORD));
            if (tls.clientCaFile().isPresent()) {
                ssl.setTrustStore(Pem.trustStore(tls.clientCaFile().get()));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the TLS certificate or key of the web config: " + e.getMessage(), e);
        }
        switch (tls.clientAuthType()) {
            case "RequireAndVerifyClientCert", "RequireAnyClientCert" -> ssl.setNeedClientAuth(true);
            case "VerifyClientCertIfGiven", "RequestClientCert" -> ssl.setWantClientAuth(true);
            default -> { }
        }
        ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(http));
        connector.setHost(listen.host());
        connector.setPort(listen.port());
        return connector;
    }
}
