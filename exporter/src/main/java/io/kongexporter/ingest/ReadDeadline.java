package io.kongexporter.ingest;

import io.kongexporter.core.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * The time a request body may take to arrive, counted from the start of the request: at most
 * {@code ingest.read_timeout}, and no slower than {@value #MIN_BYTES_PER_SECOND} bytes a second after a grace of
 * {@value #GRACE_MILLIS} ms (Kong sends a batch as fast as the network takes it; a body that trickles is an attack
 * on the read slots, and is cut off in about a second instead of holding a slot for the whole read timeout).
 * A blocking read waits at most until the earlier of both: before each read the connection's idle timeout is
 * lowered to the time left, so a client that sends one byte every few seconds (which an idle timeout alone never
 * stops) is cut off too. Closing restores the connection's own idle timeout for the next request on it.
 */
final class ReadDeadline implements AutoCloseable {
    static final long MIN_BYTES_PER_SECOND = 8 << 10;
    static final long GRACE_MILLIS = 1000;

    private final long startNanos;
    private final long deadlineNanos;
    private final Duration timeout;
    private final EndPoint endPoint;
    private final long idleTimeoutMillis;
    private boolean limitedByRate;
    private long effectiveDeadlineNanos;

    private ReadDeadline(Duration timeout, EndPoint endPoint) {
        this.startNanos = System.nanoTime();
        this.deadlineNanos = startNanos + timeout.toNanos();
        this.timeout = timeout;
        this.endPoint = endPoint;
        this.idleTimeoutMillis = endPoint == null ? 0 : endPoint.getIdleTimeout();
        this.effectiveDeadlineNanos = deadlineNanos;
    }

    static ReadDeadline start(HttpServletRequest request, Duration timeout) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        EndPoint endPoint = jetty == null ? null : jetty.getConnectionMetaData().getConnection().getEndPoint();
        return new ReadDeadline(timeout, endPoint);
    }

    /**
     * Lets the next read wait at most until the deadline, or until the moment the {@code received} bytes so far fall
     * below the minimum rate; a 408 when either has passed.
     */
    void beforeRead(long received) {
        long now = System.nanoTime();
        long rateDeadline = startNanos + (GRACE_MILLIS + received * 1000 / MIN_BYTES_PER_SECOND) * 1_000_000;
        limitedByRate = rateDeadline - deadlineNanos < 0;
        effectiveDeadlineNanos = limitedByRate ? rateDeadline : deadlineNanos;
        long leftMillis = (effectiveDeadlineNanos - now) / 1_000_000;
        if (leftMillis <= 0) {
            throw expired();
        }
        if (endPoint != null) {
            endPoint.setIdleTimeout(idleTimeoutMillis > 0 ? Math.min(leftMillis, idleTimeoutMillis) : leftMillis);
        }
    }

    /** Whether the deadline in force for the last read (the read timeout's or the minimum rate's) has passed. */
    boolean passed() {
        return System.nanoTime() - effectiveDeadlineNanos >= 0;
    }

    ApiError expired() {
        return limitedByRate
                ? new ApiError(408, "Request Timeout", "the body arrived slower than " + MIN_BYTES_PER_SECOND + " bytes/s")
                : new ApiError(408, "Request Timeout", "the body did not arrive within ingest.read_timeout (" + timeout.toMillis() + " ms)");
    }

    @Override
    public void close() {
        if (endPoint != null) {
            endPoint.setIdleTimeout(idleTimeoutMillis);
        }
    }
}
