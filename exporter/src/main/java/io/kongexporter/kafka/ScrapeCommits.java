package io.kongexporter.kafka;

import io.kongexporter.web.ScrapeListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The handshake between a {@code /metrics} scrape and the consumer thread in {@code commit: scraped} mode, so that
 * the offsets committed are exactly those of the entries the scrape exposes:
 * <ol>
 * <li>before the scrape collects, it asks for a commit and waits (at most {@link #WAIT});</li>
 * <li>the consumer thread {@link #take takes} the waiting requests, commits what it has recorded at that moment and
 * answers them; then it records nothing until those scrapes {@link Request#awaitAnswered have collected} (at most
 * {@link #WAIT} for all of them together; a client slow to read the body does not hold it), so no entry beyond the
 * committed offsets is in what they expose;</li>
 * <li>a request not taken in time is cancelled (counted as a failed commit; the scrape answers anyway) and never taken
 * later, so no offset is committed for entries a scrape did not expose.</li>
 * </ol>
 */
final class ScrapeCommits implements ScrapeListener {
    static final Duration WAIT = Duration.ofSeconds(2);

    private enum State { WAITING, TAKEN, CANCELLED }

    /** One scrape's request. */
    static final class Request {
        private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
        private final CompletableFuture<Boolean> committed = new CompletableFuture<>();
        private final CountDownLatch answered = new CountDownLatch(1);

        /** The consumer thread: the commit for this scrape is done (or failed). */
        void done(boolean success) {
            committed.complete(success);
        }

        /** The consumer thread: waits (bounded) until the scrape has collected. */
        void awaitAnswered() throws InterruptedException {
            awaitAnswered(System.nanoTime() + WAIT.toNanos());
        }

        /** The same, until {@code deadlineNanos} at most: one deadline for all the requests taken together. */
        void awaitAnswered(long deadlineNanos) throws InterruptedException {
            answered.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private final Queue<Request> waiting = new ConcurrentLinkedQueue<>();
    private final Runnable onCancel;
    private volatile boolean serving;

    /** @param onCancel counts a scrape whose commit was not taken in time */
    ScrapeCommits(Runnable onCancel) {
        this.onCancel = onCancel;
    }

    /** While the consumer thread runs in scraped mode: scrapes wait for their commit; otherwise they go on at once. */
    void serving(boolean on) {
        serving = on;
        if (!on) {
            for (Request request; (request = waiting.poll()) != null; ) {
                request.done(false);
            }
        }
    }

    @Override
    public Runnable beforeScrape() {
        if (!serving) {
            return () -> {};
        }
        Request request = new Request();
        waiting.add(request);
        try {
            request.committed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (request.state.compareAndSet(State.WAITING, State.CANCELLED)) {
                onCancel.run();
            }
        } catch (ExecutionException e) {
            // completed by done() only, never exceptionally
        } catch (InterruptedException e) {
            request.state.compareAndSet(State.WAITING, State.CANCELLED);
            Thread.currentThread().interrupt();
        }
        return request.answered::countDown;
    }

    /** The consumer thread: the requests waiting now; the snapshot it takes next is before their scrapes collect. */
    List<Request> take() {
        List<Request> taken = new ArrayList<>();
        for (Request request; (request = waiting.poll()) != null; ) {
            if (request.state.compareAndSet(State.WAITING, State.TAKEN)) {
                taken.add(request);
            }
        }
        return taken;
    }
}
