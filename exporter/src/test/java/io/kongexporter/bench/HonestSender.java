package io.kongexporter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The honest Kong: batches of {@value #BATCH} entries with unique request ids on its own services
 * ({@code honest-svc-0..9} × 20 routes × 3 codes), paced to a target rate over a few keep-alive connections. Like
 * Kong's http-log queue it re-sends a batch that was not answered 200 (same body, same ids) until it is; so the
 * entries answered 200 are exactly the entries the exporter must have counted once.
 */
final class HonestSender {
    static final String SERVICE_PREFIX = "honest-svc-";
    private static final int BATCH = 100;
    private static final int[] CODES = {200, 404, 500};
    private static final Pattern NUMBER = Pattern.compile("\"(accepted|duplicate)\":(\\d+)");
    private static final Duration GIVE_UP_AFTER_STOP = Duration.ofSeconds(60);

    private final URI logs;
    private final EntryTemplate template;
    private final int entriesPerSecond;
    private final int threads;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong ids = new AtomicLong();
    private final List<Thread> running = new ArrayList<>();
    final AtomicLong answered200 = new AtomicLong();
    final AtomicLong reportedAccepted = new AtomicLong();
    final AtomicLong reportedDuplicate = new AtomicLong();
    final AtomicLong resends = new AtomicLong();
    final AtomicLong ioErrors = new AtomicLong();
    final AtomicLong unconfirmed = new AtomicLong();
    final StatusCounts refusals = new StatusCounts();

    HonestSender(URI logs, EntryTemplate template, int entriesPerSecond, int threads) {
        this.logs = logs;
        this.template = template;
        this.entriesPerSecond = entriesPerSecond;
        this.threads = threads;
    }

    void start() {
        for (int t = 0; t < threads; t++) {
            Thread sender = new Thread(this::run, "honest-" + t);
            sender.setDaemon(true);
            sender.start();
            running.add(sender);
        }
    }

    /** Stops sending; every batch already built is re-sent until answered 200 (or counted as unconfirmed). */
    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : running) {
            t.join();
        }
    }

    private void run() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        long intervalNanos = 1_000_000_000L * BATCH * threads / Math.max(1, entriesPerSecond);
        long next = System.nanoTime();
        StringBuilder body = new StringBuilder(BATCH * 2800);
        while (!stop.get()) {
            body.setLength(0);
            body.append('[');
            for (int i = 0; i < BATCH; i++) {
                long id = ids.incrementAndGet();
                body.append(i == 0 ? "" : ",");
                template.render(body, SERVICE_PREFIX + id % 10, "honest-route-" + id / 10 % 20, "honest-consumer-" + id % 7,
                        CODES[(int) (id / 200 % CODES.length)], EntryTemplate.requestId('a', id));
            }
            HttpRequest request = HttpRequest.newBuilder(logs).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build();
            deliver(client, request);
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            } else if (wait < -1_000_000_000L) {
                next = System.nanoTime(); // behind by more than a second: do not burst to catch up
            }
        }
    }

    private void deliver(HttpClient client, HttpRequest request) {
        long stoppedAt = 0;
        while (true) {
            try {
                HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    answered200.addAndGet(BATCH);
                    Matcher m = NUMBER.matcher(answer.body());
                    while (m.find()) {
                        (m.group(1).equals("accepted") ? reportedAccepted : reportedDuplicate).addAndGet(Long.parseLong(m.group(2)));
                    }
                    return;
                }
                refusals.add(answer.statusCode());
            } catch (IOException e) {
                ioErrors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (stop.get()) {
                stoppedAt = stoppedAt == 0 ? System.nanoTime() : stoppedAt;
                if (System.nanoTime() - stoppedAt > GIVE_UP_AFTER_STOP.toNanos()) {
                    unconfirmed.addAndGet(BATCH);
                    return;
                }
            }
            resends.incrementAndGet();
            sleepNanos(100_000_000L); // Kong's queue waits before a retry too
        }
    }

    static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
