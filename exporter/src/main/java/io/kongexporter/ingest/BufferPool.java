package io.kongexporter.ingest;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Reuses body buffers between requests: a batch of 1,000 Kong entries is ~2.5 MB, and allocating that for every
 * request costs the garbage collector more than parsing it. At most {@code buffers} buffers of at most
 * {@code maxPooledBytes} are kept, so the pool itself stays small.
 */
final class BufferPool {
    private final ArrayBlockingQueue<byte[]> free;
    private final int maxPooledBytes;

    BufferPool(int buffers, int maxPooledBytes) {
        this.free = new ArrayBlockingQueue<>(buffers);
        this.maxPooledBytes = maxPooledBytes;
    }

    /** A buffer of at least {@code size} bytes (pooled when one fits, else new). */
    byte[] take(int size) {
        byte[] pooled = free.poll();
        if (pooled != null && pooled.length >= size) {
            return pooled;
        }
        if (pooled != null) {
            free.offer(pooled);
        }
        return new byte[size];
    }

    void give(byte[] buffer) {
        if (buffer != null && buffer.length <= maxPooledBytes) {
            free.offer(buffer);
        }
    }
}
