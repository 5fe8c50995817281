package io.kongexporter.status;

import java.time.Instant;
import java.util.List;

/**
 * A certificate of the Admin API's {@code /certificates}: its id, the SNIs that select it and the notAfter of its
 * leaf (first) certificate. The private key Kong returns beside it is never read.
 */
public record Certificate(String id, List<String> snis, Instant notAfter) {
    public Certificate {
        snis = List.copyOf(snis);
    }
}
