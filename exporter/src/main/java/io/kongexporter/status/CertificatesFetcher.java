package io.kongexporter.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the Admin API's {@code /certificates} of one node on a slow schedule ({@link #REFRESH}, not every poll:
 * certificates change rarely and a page can be large), when {@code kong.certificates} is on. Keeps at most
 * {@link #MAX_CERTIFICATES} and counts the rest. Between reads, and after a failed read, the last good list stands.
 */
final class CertificatesFetcher {
    static final Duration REFRESH = Duration.ofMinutes(10);
    static final int MAX_CERTIFICATES = 1000;

    private final AdminPages pages;
    private final Clock clock;
    private volatile Instant checkedAt = Instant.MIN;
    private volatile NodeCertificates last;

    CertificatesFetcher(AdminPages pages, Clock clock) {
        this.pages = pages;
        this.clock = clock;
    }

    /** The last good list (null before the first), read again when {@link #REFRESH} has passed since the last attempt. */
    CompletableFuture<NodeCertificates> fetch() {
        if (Duration.between(checkedAt, clock.instant()).compareTo(REFRESH) < 0) {
            return CompletableFuture.completedFuture(last);
        }
        checkedAt = clock.instant();
        List<Certificate> kept = new ArrayList<>();
        int[] skipped = {0};
        return pages.fetch("/certificates", body -> {
            CertificatesParser.Listing listing = CertificatesParser.parse(body, MAX_CERTIFICATES - kept.size());
            kept.addAll(listing.page().data());
            skipped[0] += listing.skipped();
            return listing.page().next();
        }).thenApply(done -> {
            last = new NodeCertificates(kept, skipped[0], checkedAt);
            return last;
        });
    }

    /** The last good list, or null. */
    NodeCertificates last() {
        return last;
    }
}
