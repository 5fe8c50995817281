package io.kongexporter.status;

import java.time.Instant;
import java.util.List;

/**
 * The certificates of one node at its latest {@code /certificates} poll.
 *
 * @param exported at most {@link CertificatesFetcher#MAX_CERTIFICATES}, in Kong's order
 * @param notExported certificates listed beyond that bound, counted, not parsed
 * @param fetchedAt when the list was read
 */
public record NodeCertificates(List<Certificate> exported, int notExported, Instant fetchedAt) {
    public NodeCertificates {
        exported = List.copyOf(exported);
    }
}
