package io.kongexporter.ingest;

import io.kongexporter.core.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * The time a request body may take to arrive ({@code ingest.read_timeout}), counted from the start of the request.
 * A blocking read waits at most until the deadline: before each read the connection's idle timeout is lowered to
 * the time left, so a client that sends one byte every few seconds (which an idle timeout alone never stops) is
 * cut off too. Closing restores the connection's own idle timeout for the next request on it.
 */
final class ReadDeadline implements AutoCloseable {
    private final long deadlineNanos;
    private final Duration timeout;
    private final EndPoint endPoint;
    private final long idleTimeoutMillis;

    private ReadDeadline(Duration timeout, EndPoint endPoint) {
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.timeout = timeout;
        this.endPoint = endPoint;
        this.idleTimeoutMillis = endPoint == null ? 0 : endPoint.getIdleTimeout();
    }

    static ReadDeadline start(HttpServletRequest request, Duration timeout) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        EndPoint endPoint = jetty == null ? null : jetty.getConnectionMetaData().getConnection().getEndPoint();
        return new ReadDeadline(timeout, endPoint);
    }

    /** Lets the next read wait at most until the deadline; a 408 when it has passed. */
    void beforeRead() {
        long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
            throw expired();
        }
        if (endPoint != null) {
            endPoint.setIdleTimeout(idleTimeoutMillis > 0 ? Math.min(leftMillis, idleTimeoutMillis) : leftMillis);
        }
    }

    boolean passed() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    ApiError expired() {
        return new ApiError(408, "Request Timeout", "the body did not arrive within ingest.read_timeout (" + timeout.toMillis() + " ms)");
    }

    @Override
    public void close() {
        if (endPoint != null) {
            endPoint.setIdleTimeout(idleTimeoutMillis);
        }
    }
}
