package io.kongexporter.tls;

import io.kongexporter.config.NodeAuth;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The SSL context for polling a Kong node over TLS: its CA, a client certificate, or no verification when asked. */
public final class KongTls {
    private KongTls() {}

    public static SSLContext context(NodeAuth.TlsClient tls) throws IOException, GeneralSecurityException {
        TrustManager[] trust = null;
        if (tls.insecureSkipVerify()) {
            trust = new TrustManager[] {new TrustEverything()};
        } else if (tls.caFile().isPresent()) {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(Pem.trustStore(tls.caFile().get()));
            trust = factory.getTrustManagers();
        }
        KeyManagerFactory keys = null;
        if (tls.certFile().isPresent() && tls.keyFile().isPresent()) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(Pem.keyStore(tls.certFile().get(), tls.keyFile().get()), Pem.STORE_PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust, null);
        return context;
    }

    /** {@code insecure_skip_verify: true}: neither the chain nor the host name is checked (the JDK checks both here). */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
