package io.kongsimulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A row of the Admin API's {@code /certificates} (entity {@code kong/db/schema/entities/certificates.lua}; the
 * DAO {@code kong/db/dao/certificates.lua} adds each row's {@code snis}). {@code tags} may be null, as Kong
 * answers for a certificate created without tags.
 */
record SimulatedCertificate(String id, long createdAt, String certPem, List<String> tags, List<String> snis) {

    private static final String PEMS = "demo-certificates.pem";
    private static final String END = "-----END CERTIFICATE-----\n";

    SimulatedCertificate {
        snis = List.copyOf(snis);
    }

    /**
     * The demo's two certificates, the same as kong-fixtures' {@code certificates-3.9.json} and
     * {@code certificates-3.9-page-2.json}: CN a.example.com for SNIs api.example.com and www.example.com,
     * and CN b.example.com without SNIs; both self-signed P-256, valid until November 2036.
     */
    static List<SimulatedCertificate> demo() {
        List<String> pems = pems();
        return List.of(
                new SimulatedCertificate("2e0e2b6a-6b7c-4a5e-9a3b-3f1d8c2e7a10", 1_750_150_000L, pems.get(0),
                        List.of("edge"), List.of("api.example.com", "www.example.com")),
                new SimulatedCertificate("8b61b6a6-3c2e-4aad-9d1f-5f2a0c7e4b91", 1_750_150_100L, pems.get(1),
                        null, List.of()));
    }

    private static List<String> pems() {
        try (InputStream in = SimulatedCertificate.class.getResourceAsStream(PEMS)) {
            if (in == null) {
                throw new IllegalStateException(PEMS + " is missing from the simulator's jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (int start = 0, end; (end = text.indexOf(END, start)) >= 0; start = end + END.length()) {
                out.add(text.substring(start, end + END.length()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
