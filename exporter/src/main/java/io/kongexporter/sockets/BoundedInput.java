package io.kongexporter.sockets;

import io.kongexporter.core.Budget;
import java.io.IOException;
import java.io.InputStream;

/**
 * Frames read from one connection, never holding more than the frame limit (plus one read) in memory: a line up to
 * its newline, or an exact number of bytes. After {@link #line} or {@link #exactly} the frame is
 * {@code buffer()[frameStart(), frameStart() + frameLength())}, valid until the next call. A buffer grown for a
 * large frame is given back once the frame is used, so idle connections stay small. What a buffer grows beyond
 * {@link #INITIAL} is charged to {@link #SHARED_GROWTH}; {@link #close} gives it back.
 */
final class BoundedInput implements AutoCloseable {
    static final int INITIAL = 16 << 10;

    private final InputStream in;
    /**
     * The bytes all stream connections (tcp-log, syslog over TCP) may hold beyond their initial buffers, together: each may
     * grow to its frame limit, but a thousand connections each sending most of a 256 KiB line without its newline would
     * otherwise hold 256 MiB. Past it a growing connection is closed and its frame counted {@code too_large}.
     */
    static final Budget SHARED_GROWTH = new Budget(64L << 20);

    private final Budget budget;
    private byte[] buf = new byte[INITIAL];
    private int start;
    private int end;
    private int frameStart;
    private int frameLength;
    private boolean shrinkLater;

    BoundedInput(InputStream in) {
        this(in, SHARED_GROWTH);
    }

    BoundedInput(InputStream in, Budget budget) {
        this.in = in;
        this.budget = budget;
    }

    /** Gives back what the buffer grew beyond {@link #INITIAL}. */
    @Override
    public void close() {
        budget.give(buf.length - INITIAL);
        buf = new byte[0];
        start = 0;
        end = 0;
    }

    /** A frame longer than the limit: the connection's framing is lost. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * The next line, without its {@code \n} (nor a {@code \r} before it). Returns false at the end of the stream
     * (an unterminated last line is returned first).
     *
     * @throws TooLarge no newline within {@code max} bytes
     */
    boolean line(int max) throws IOException {
        int scanned = 0;
        while (true) {
            int limit = (int) Math.min(end, start + (long) max + 1);
            for (int i = start + scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    int length = i - start;
                    frame(start, length > 0 && buf[i - 1] == '\r' ? length - 1 : length, i + 1);
                    return true;
                }
            }
            scanned = limit - start;
            if (scanned > max) {
                throw new TooLarge("no newline within " + max + " bytes");
            }
            if (!fill(max + 1)) {
                if (end > start) {
                    frame(start, end - start, end);
                    return true;
                }
                return false;
            }
        }
    }

    /** The next {@code n} bytes as the frame (the caller bounds {@code n}); false when the stream ends first. */
    boolean exactly(int n) throws IOException {
        while (end - start < n) {
            if (!fill(n)) {
                return false;
            }
        }
        frame(start, n, start + n);
        return true;
    }

    /** The next byte without taking it; -1 at the end of the stream. */
    int peek() throws IOException {
        if (start == end && !fill(1)) {
            return -1;
        }
        return buf[start] & 0xff;
    }

    /** Takes the next byte; -1 at the end of the stream. */
    int read() throws IOException {
        int b = peek();
        if (b >= 0) {
            start++;
        }
        return b;
    }

    byte[] buffer() {
        return buf;
    }

    int frameStart() {
        return frameStart;
    }

    int frameLength() {
        return frameLength;
    }

    private void frame(int from, int length, int next) {
        frameStart = from;
        frameLength = length;
        start = next;
        shrinkLater = buf.length > INITIAL && end - start <= INITIAL;
    }

    /** Reads more, growing the buffer up to {@code need} unread bytes at most; false at the end of the stream. */
    private boolean fill(int need) throws IOException {
        if (shrinkLater) {
            byte[] small = new byte[Math.max(INITIAL, end - start)];
            System.arraycopy(buf, start, small, 0, end - start);
            end -= start;
            start = 0;
            budget.give(buf.length - small.length);
            buf = small;
            shrinkLater = false;
        }
        if (end == buf.length) {
            int unread = end - start;
            byte[] target = buf;
            if (unread >= buf.length / 2) {
                int grown = Math.max(unread + 1, (int) Math.min(2L * buf.length, need));
                if (budget.tryTake(grown - buf.length)) {
                    target = new byte[grown];
                } else if (unread == buf.length) { // no room even once moved: only growing would do
                    throw new TooLarge("the stream listeners' shared buffer budget (" + (budget.capacity() >> 20) + " MiB) is used up");
                }
            }
            System.arraycopy(buf, start, target, 0, unread);
            buf = target;
            start = 0;
            end = unread;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }
}
