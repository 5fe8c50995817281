package io.kongexporter.sse;

import io.javalin.http.Context;
import io.kongexporter.core.Threads;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One SSE subscriber: a queue the hub offers events to (never blocking the publisher), and its own writer thread
 * that drains it onto the connection, with a comment heartbeat when idle. The queue is bounded by bytes (and a
 * generous count), not by a few hundred slots: a burst of many small events, such as one webhook with thousands of
 * alerts, fits; a client that falls {@link #QUEUE_BYTES} behind cannot keep up and is dropped by the hub. Queued
 * events are the ones the hub rendered once for everybody, so stalled subscribers share their memory.
 */
public final class LiveClient {
    /** Twice the most one webhook post publishes, so a healthy subscriber survives a whole post at once. */
    static final long QUEUE_BYTES = 16L << 20;
    static final int QUEUE_EVENTS = 65_536;
    static final long HEARTBEAT_MILLIS = 15_000;
    /**
     * How often an idle stream writes a bare comment line: the server only learns that a subscriber went away when a
     * write fails (nothing reads the connection), and a write to a peer that closed fails at the latest on the second
     * one after, so a vanished subscriber is let go within about twice this, not twice the heartbeat.
     */
    static final long PROBE_MILLIS = 1_500;

    private final LiveFilter filter;
    private final OutputStream out;
    private final LinkedBlockingQueue<NumberedEvent> queue = new LinkedBlockingQueue<>(QUEUE_EVENTS);
    private final AtomicLong queuedBytes = new AtomicLong();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final long heartbeatMillis;
    private volatile List<NumberedEvent> first = List.of();

    public LiveClient(LiveFilter filter, OutputStream out, long heartbeatMillis) {
        this.filter = filter;
        this.out = out;
        this.heartbeatMillis = heartbeatMillis;
    }

    LiveFilter filter() {
        return filter;
    }

    CompletableFuture<Void> done() {
        return done;
    }

    private static final ThreadFactory WRITERS = Threads.daemon("sse", 256 * 1024);

    /** The SSE response headers, sent before the hub is asked to take the subscriber. */
    public static void streamHeaders(Context ctx) {
        ctx.status(200);
        ctx.header("Content-Type", "text/event-stream; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Accel-Buffering", "no");
    }

    /** Once the hub took it: flushes the headers, keeps the request open and starts this subscriber's writer thread. */
    public void serve(Context ctx, Runnable onExit) throws IOException {
        ctx.res().flushBuffer();
        Thread writer = WRITERS.newThread(() -> run(onExit));
        ctx.future(this::done);
        writer.start();
    }

    /** Events written before anything queued: the snapshot on connect, or the replay after a reconnect. */
    void prime(List<NumberedEvent> events) {
        first = events;
    }

    /** False when the client is too slow: its queue is full. Called by one publisher at a time (under the hub's lock). */
    boolean offer(NumberedEvent event) {
        if (!filter.accepts(event.event())) {
            return true;
        }
        if (queuedBytes.addAndGet(event.bytes()) > QUEUE_BYTES || !queue.offer(event)) {
            queuedBytes.addAndGet(-event.bytes());
            return false;
        }
        return true;
    }

    private NumberedEvent taken(NumberedEvent event) {
        if (event != null) {
            queuedBytes.addAndGet(-event.bytes());
        }
        return event;
    }

    void close() {
        done.complete(null);
    }

    boolean closed() {
        return done.isDone();
    }

    /** The writer loop; returns when the connection fails or the client is closed. */
    void run(Runnable onExit) {
        try {
            write("retry: 3000\n\n");
            for (NumberedEvent event : first) {
                writeEvent(event);
            }
            first = List.of();
            out.flush();
            long lastPing = System.nanoTime();
            while (!done.isDone()) {
                NumberedEvent event = taken(queue.poll(Math.min(heartbeatMillis, PROBE_MILLIS), TimeUnit.MILLISECONDS));
                if (event == null && System.nanoTime() - lastPing >= TimeUnit.MILLISECONDS.toNanos(heartbeatMillis)) {
                    write(": ping\n\n");
                    lastPing = System.nanoTime();
                } else if (event == null) {
                    write(":\n"); // the probe: an empty comment line, ignored by every SSE client
                } else {
                    writeEvent(event);
                    NumberedEvent more;
                    while ((more = taken(queue.poll())) != null) {
                        writeEvent(more);
                    }
                }
                out.flush();
            }
        } catch (IOException | RuntimeException gone) {
            // the subscriber went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done.complete(null);
            onExit.run();
        }
    }

    private void writeEvent(NumberedEvent event) throws IOException {
        StringBuilder frame = new StringBuilder(event.data().length() + 48);
        frame.append("id: ").append(event.id()).append('\n')
                .append("event: ").append(singleLine(event.event().name())).append('\n');
        for (String line : event.data().split("\n", -1)) {
            frame.append("data: ").append(line.replace("\r", "")).append('\n');
        }
        write(frame.append('\n').toString());
    }

    /** Event names never carry line breaks from input: no event injection. */
    static String singleLine(String s) {
        return s.replace("\r", "").replace("\n", "");
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
