package io.kongexporter.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/** PEM certificates and PKCS#8 keys into Java key stores, for the exporter's listener and its TLS to Kong. */
public final class Pem {
    public static final char[] STORE_PASSWORD = "kong-exporter".toCharArray();

    private Pem() {}

    public static Collection<? extends Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    /** A key store holding one key entry: the certificate chain and its PKCS#8 key. */
    public static KeyStore keyStore(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", privateKey(Files.readString(keyFile)), STORE_PASSWORD, certificates(certFile).toArray(Certificate[]::new));
        return store;
    }

    /** A trust store of every certificate in the PEM file. */
    public static KeyStore trustStore(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (Certificate ca : certificates(caFile)) {
            store.setCertificateEntry("ca-" + i++, ca);
        }
        return store;
    }

    /** A PKCS#8 PEM key ("BEGIN PRIVATE KEY"), RSA, EC or Ed25519. */
    public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
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
