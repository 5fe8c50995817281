package io.kongexporter.web;

import io.kongexporter.config.ListenAddress;
import io.kongexporter.config.WebConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The exporter's listener over TLS, from PEM files as the exporter-toolkit web config names them. */
final class TlsConnector {
    private static final char[] PASSWORD = "kong-exporter".toCharArray();

    private TlsConnector() {}

    static Connector create(Server server, HttpConfiguration http, ListenAddress listen, WebConfig.Tls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        try {
            ssl.setKeyStore(keyStore(tls));
            ssl.setKeyStorePassword(new String(PASSWORD));
            if (tls.clientCaFile().isPresent()) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (Certificate ca : certificates(Files.readAllBytes(tls.clientCaFile().get()))) {
                    trust.setCertificateEntry("ca-" + i++, ca);
                }
                ssl.setTrustStore(trust);
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

    private static KeyStore keyStore(WebConfig.Tls tls) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> chain = certificates(Files.readAllBytes(tls.certFile()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("exporter", privateKey(Files.readString(tls.keyFile())), PASSWORD, chain.toArray(Certificate[]::new));
        return store;
    }

    private static Collection<? extends Certificate> certificates(byte[] pem) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
    }

    /** A PKCS#8 PEM key ("BEGIN PRIVATE KEY"), RSA, EC or Ed25519. */
    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException("the key file must be PKCS#8 PEM (-----BEGIN PRIVATE KEY-----); convert with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem'");
        }
        String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----")).replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unsupported private key: " + (last == null ? "" : last.getMessage()));
    }
}
