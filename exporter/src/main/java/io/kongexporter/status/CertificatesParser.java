package io.kongexporter.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one page of the Admin API's {@code GET /certificates} (Kong 1.0+; Kong 3.x's kong/db/dao/certificates.lua
 * adds each certificate's {@code snis} to its page): {@code {"data": [{"id", "cert", "key", "snis": [...]}], "next"}}.
 * {@code cert} is a PEM chain whose first certificate is the one served; its notAfter is read with
 * {@link CertificateFactory}. Pure: no I/O.
 */
public final class CertificatesParser {
    private static final String WHERE = "/certificates";

    private CertificatesParser() {}

    /** The certificates of the page, at most {@code room} of them; the others are counted in {@link Listing#skipped()}. */
    public static Listing parse(byte[] body, int room) throws KongParseException {
        JsonNode root = JsonBody.read(body, WHERE);
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new KongParseException(WHERE + ".data: expected an array, got " + JsonBody.describe(data));
        }
        List<Certificate> certificates = new ArrayList<>();
        int skipped = 0;
        for (JsonNode entry : data) {
            if (certificates.size() >= room) {
                skipped++;
                continue;
            }
            if (!entry.isObject()) {
                throw new KongParseException(WHERE + ".data[]: expected an object, got " + JsonBody.describe(entry));
            }
            String id = JsonBody.text(entry, "id");
            if (id.isEmpty()) {
                throw new KongParseException(WHERE + ".data[].id: missing");
            }
            List<String> snis = new ArrayList<>();
            JsonNode names = entry.get("snis");
            if (names != null && names.isArray()) {
                names.forEach(name -> {
                    if (name.isTextual()) {
                        snis.add(name.asText());
                    }
                });
            }
            certificates.add(new Certificate(id, snis, notAfter(id, JsonBody.text(entry, "cert")).toInstant()));
        }
        String next = JsonBody.text(root, "next");
        return new Listing(new Page<>(certificates, next.isEmpty() ? null : next), skipped);
    }

    /** A page and how many of its certificates did not fit. */
    public record Listing(Page<Certificate> page, int skipped) {}

    private static java.util.Date notAfter(String id, String pem) throws KongParseException {
        if (pem.isEmpty()) {
            throw new KongParseException(WHERE + ".data[" + id + "].cert: missing (a vault reference Kong did not resolve?)");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate leaf = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return leaf.getNotAfter();
        } catch (CertificateException | ClassCastException e) {
            throw new KongParseException(WHERE + ".data[" + id + "].cert: not a PEM X.509 certificate (" + e.getMessage() + ")");
        }
    }
}
