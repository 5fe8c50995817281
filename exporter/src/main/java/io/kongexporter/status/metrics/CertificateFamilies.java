package io.kongexporter.status.metrics;

import io.kongexporter.metrics.MetricFamily;
import io.kongexporter.status.Certificate;
import io.kongexporter.status.NodeCertificates;
import io.kongexporter.status.NodeSnapshot;
import java.util.List;

/**
 * Certificate expiry from the Admin API's {@code /certificates} ({@code kong.certificates: true}), in both namings:
 * Kong's prometheus plugin exports no certificate metric, so the names are the same. One series per certificate and
 * SNI ({@code sni=""} for a certificate no SNI selects). Example:
 *
 * <pre>
 * # HELP kong_certificate_expiry_timestamp_seconds Unix time the certificate (its leaf's notAfter) expires, in seconds, per SNI.
 * # TYPE kong_certificate_expiry_timestamp_seconds gauge
 * kong_certificate_expiry_timestamp_seconds{certificate_id="2e0e2b6a-6b7c-4a5e-9a3b-3f1d8c2e7a10",node="cp",sni="api.example.com"} 2.11134751E9
 * kong_certificate_expiry_timestamp_seconds{certificate_id="8b61b6a6-3c2e-4aad-9d1f-5f2a0c7e4b91",node="cp",sni=""} 2.111347511E9
 * # HELP kong_exporter_certificates_not_exported Certificates of the node listed beyond the 1000 exported.
 * # TYPE kong_exporter_certificates_not_exported gauge
 * kong_exporter_certificates_not_exported{node="cp"} 0.0
 * </pre>
 */
final class CertificateFamilies {
    static final String EXPIRY = "kong_certificate_expiry_timestamp_seconds";
    static final String NOT_EXPORTED = "kong_exporter_certificates_not_exported";

    private CertificateFamilies() {}

    /** Empty when no node has certificates read (kong.certificates off). */
    static List<MetricFamily> families(List<NodeSnapshot> nodes) {
        MetricFamily expiry = MetricFamily.gauge(EXPIRY, "Unix time the certificate (its leaf's notAfter) expires, in seconds, per SNI.");
        MetricFamily notExported = MetricFamily.gauge(NOT_EXPORTED, "Certificates of the node listed beyond the 1000 exported.");
        boolean any = false;
        for (NodeSnapshot node : nodes) {
            NodeCertificates certificates = node.certificates();
            if (certificates == null) {
                continue;
            }
            any = true;
            for (Certificate certificate : certificates.exported()) {
                double expires = certificate.notAfter().getEpochSecond();
                if (certificate.snis().isEmpty()) {
                    expiry.add(expires, "node", node.name(), "certificate_id", certificate.id(), "sni", "");
                }
                for (String sni : certificate.snis()) {
                    expiry.add(expires, "node", node.name(), "certificate_id", certificate.id(), "sni", sni);
                }
            }
            notExported.add(certificates.notExported(), "node", node.name());
        }
        return any ? List.of(expiry, notExported) : List.of();
    }
}
