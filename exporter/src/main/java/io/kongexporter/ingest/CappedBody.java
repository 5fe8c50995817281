package io.kongexporter.ingest;

import io.kongexporter.core.ApiError;
import io.kongexporter.core.Budget;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read into memory with the size limit enforced while streaming (a Content-Length above the limit
 * is refused before reading) and the read deadline before every read. The body {@link Budget} is charged by the
 * bytes that actually arrived, never by the declared length: a client declaring 16 MiB and trickling holds what it
 * sent. The buffer starts at most {@value #CHUNK} bytes and doubles as bytes arrive, so it is at most twice what
 * arrived (or a pooled buffer). Close it to give the bytes back.
 */
final class CappedBody implements AutoCloseable {
    private static final int CHUNK = 64 << 10;
    /** Up to this much of a refused body is read and discarded, so the 413 reaches the client before the connection closes. */
    private static final long DRAIN_LIMIT = 64L << 20;

    private final Budget budget;
    private final BufferPool pool;
    private byte[] bytes;
    private int length;
    private long charged;

    private CappedBody(Budget budget, BufferPool pool) {
        this.budget = budget;
        this.pool = pool;
    }

    static CappedBody read(InputStream in, long contentLength, long maxBytes, Budget budget, BufferPool pool, ReadDeadline deadline)
            throws IOException {
        if (contentLength > maxBytes) {
            if (contentLength <= DRAIN_LIMIT) {
                drain(in, deadline);
            }
            throw ApiError.tooLarge("body of " + contentLength + " bytes exceeds ingest.max_body (" + maxBytes + " bytes)");
        }
        CappedBody body = new CappedBody(budget, pool);
        try {
            body.fill(in, contentLength, maxBytes, deadline);
            return body;
        } catch (IOException | RuntimeException e) {
            body.close();
            throw e;
        }
    }

    private void fill(InputStream in, long contentLength, long maxBytes, ReadDeadline deadline) throws IOException {
        long first = contentLength >= 0 ? Math.min(contentLength, CHUNK) : Math.min(CHUNK, maxBytes);
        bytes = pool.take((int) Math.max(first, 1));
        while (true) {
            int room = (int) Math.min(bytes.length, maxBytes);
            if (length == room) {
                if (length >= maxBytes) {
                    deadline.beforeRead(length);
                    if (in.read() < 0) {
                        return;
                    }
                    drain(in, deadline);
                    throw ApiError.tooLarge("body exceeds ingest.max_body (" + maxBytes + " bytes)");
                }
                grow((int) Math.min(maxBytes, Math.max((long) bytes.length * 2, CHUNK)));
                continue;
            }
            deadline.beforeRead(length);
            int n = in.read(bytes, length, room - length);
            if (n < 0) {
                return;
            }
            if (!budget.tryTake(n)) {
                throw ApiError.unavailable("overloaded: too many log bodies in memory; retry later");
            }
            charged += n;
            length += n;
        }
    }

    /** Reads and discards what is left of a refused body, up to {@link #DRAIN_LIMIT}, within the deadline. */
    private static void drain(InputStream in, ReadDeadline deadline) throws IOException {
        byte[] sink = new byte[8192];
        long total = 0;
        int n = 0;
        while (total < DRAIN_LIMIT && n >= 0 && !deadline.passed()) {
            deadline.beforeRead(total);
            n = in.read(sink);
            total += Math.max(n, 0);
        }
    }

    private void grow(int capacity) {
        byte[] larger = pool.take(capacity);
        System.arraycopy(bytes, 0, larger, 0, length);
        pool.give(bytes);
        bytes = larger;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    @Override
    public void close() {
        budget.give(charged);
        charged = 0;
        pool.give(bytes);
        bytes = null;
    }
}
