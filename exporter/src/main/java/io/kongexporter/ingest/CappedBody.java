package io.kongexporter.ingest;

import io.kongexporter.core.ApiError;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read into memory with the size limit enforced while streaming (a Content-Length above the limit
 * is refused before reading), charged against the {@link BodyBudget} as it grows. Close it to give the bytes back.
 */
final class CappedBody implements AutoCloseable {
    private static final int CHUNK = 64 << 10;
    /** Up to this much of a refused body is read and discarded, so the 413 reaches the client before the connection closes. */
    private static final long DRAIN_LIMIT = 64L << 20;

    private final BodyBudget budget;
    private final BufferPool pool;
    private byte[] bytes;
    private int length;
    private long charged;

    private CappedBody(BodyBudget budget, BufferPool pool) {
        this.budget = budget;
        this.pool = pool;
    }

    static CappedBody read(InputStream in, long contentLength, long maxBytes, BodyBudget budget, BufferPool pool) throws IOException {
        if (contentLength > maxBytes) {
            if (contentLength <= DRAIN_LIMIT) {
                drain(in);
            }
            throw ApiError.tooLarge("body of " + contentLength + " bytes exceeds ingest.max_body (" + maxBytes + " bytes)");
        }
        CappedBody body = new CappedBody(budget, pool);
        try {
            body.fill(in, contentLength, maxBytes);
            return body;
        } catch (IOException | RuntimeException e) {
            body.close();
            throw e;
        }
    }

    private void fill(InputStream in, long contentLength, long maxBytes) throws IOException {
        int initial = (int) (contentLength >= 0 ? contentLength : Math.min(CHUNK, maxBytes));
        grow(Math.max(initial, 1));
        while (true) {
            int room = (int) Math.min(bytes.length, maxBytes);
            if (length == room) {
                if (length >= maxBytes) {
                    if (in.read() < 0) {
                        return;
                    }
                    drain(in);
                    throw ApiError.tooLarge("body exceeds ingest.max_body (" + maxBytes + " bytes)");
                }
                grow((int) Math.min(maxBytes, Math.max((long) bytes.length * 2, CHUNK)));
                continue;
            }
            int n = in.read(bytes, length, room - length);
            if (n < 0) {
                return;
            }
            length += n;
        }
    }

    /** Reads and discards what is left of a refused body, up to {@link #DRAIN_LIMIT}. */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        long total = 0;
        int n;
        while (total < DRAIN_LIMIT && (n = in.read(sink)) >= 0) {
            total += n;
        }
    }

    private void grow(int capacity) {
        byte[] larger = pool.take(capacity);
        if (!budget.tryTake(larger.length - charged)) {
            pool.give(larger);
            throw ApiError.unavailable("overloaded: too many log bodies in memory; retry later");
        }
        charged = larger.length;
        if (bytes != null) {
            System.arraycopy(bytes, 0, larger, 0, length);
            pool.give(bytes);
        }
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
