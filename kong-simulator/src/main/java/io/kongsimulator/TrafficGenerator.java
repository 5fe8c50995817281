package io.kongsimulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts demo traffic to an http-log endpoint as Kong 3.9 nodes would with
 * {@code queue.max_batch_size} > 1: each node queues its own entries and sends a JSON array when
 * {@code batchSize} entries are waiting or the oldest has waited one second
 * ({@code max_coalescing_delay}), with Kong's {@code User-Agent}, over one keep-alive connection.
 *
 * <p>A background daemon thread wakes every 250 ms and creates the entries the
 * {@link TrafficModel} rate says are due. Failures never stop it: a batch that gets no 2xx (or no
 * answer) is dropped and counted in {@link #failedEntries()}, and each distinct failure is logged
 * once at WARN; the endpoint accepting batches (again) is logged at INFO. Unlike Kong it does not
 * retry: fresh traffic beats duplicates in a demo. The seed mixes in the start time, so two runs
 * never repeat request ids ({@code request.id} is a dedupe key).
 */
public final class TrafficGenerator implements AutoCloseable {

    public static final double DEFAULT_ENTRIES_PER_SECOND = 40;
    public static final int DEFAULT_BATCH_SIZE = 50;
    static final String USER_AGENT = "lua-resty-http/0.17.1 (Lua) ngx_lua/10026";

    private static final Logger log = LoggerFactory.getLogger(TrafficGenerator.class);
    private static final long TICK_MILLIS = 250;
    private static final long COALESCING_MILLIS = 1_000;
    private static final long MAX_CATCH_UP_MILLIS = 2_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI logsUrl;
    private final Optional<String> authorization;
    private final List<String> nodes;
    private final int batchSize;
    private final TrafficModel model;
    private final LogEntryWriter writer = new LogEntryWriter();
    private final StreamSessionWriter streams;
    private int ticks;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
    private final SplittableRandom nodePicker;
    private final Map<String, List<TrafficSample>> queues = new LinkedHashMap<>();
    private final Map<String, Long> oldest = new LinkedHashMap<>();
    private final HttpClient client;
    private final ScheduledExecutorService thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Set<String> reported = new HashSet<>();
    private long lastTick;
    private double due;
    private boolean accepting;

    private TrafficGenerator(URI logsUrl, Optional<String> bearerToken, List<String> nodes, double entriesPerSecond,
                             int batchSize, long seed, long now) {
        this.logsUrl = Objects.requireNonNull(logsUrl, "logsUrl");
        this.authorization = bearerToken.map(token -> "Bearer " + token);
        this.nodes = List.copyOf(nodes);
        this.batchSize = batchSize;
        this.model = new TrafficModel(seed, entriesPerSecond, now);
        this.nodePicker = new SplittableRandom(seed ^ 0x6e6f6465L);
        this.streams = new StreamSessionWriter(seed ^ 0x7463700L);
        this.nodes.forEach(node -> queues.put(node, new ArrayList<>()));
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
        this.thread = Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("demo-traffic"));
        this.lastTick = now;
    }

    /**
     * Starts posting about {@code entriesPerSecond} entries (±30 % over four minutes), spread over
     * {@code nodeNames}, to {@code logsUrl}.
     *
     * @param bearerToken sent as {@code Authorization: Bearer <token>} when present
     * @param batchSize   most entries per POST
     */
    public static TrafficGenerator start(URI logsUrl, Optional<String> bearerToken, List<String> nodeNames,
                                         double entriesPerSecond, int batchSize) {
        if (nodeNames.isEmpty()) {
            throw new IllegalArgumentException("at least one node name is needed");
        }
        if (!(entriesPerSecond > 0) || batchSize < 1) {
            throw new IllegalArgumentException("entriesPerSecond and batchSize must be positive, got "
                    + entriesPerSecond + " and " + batchSize);
        }
        long now = System.currentTimeMillis();
        TrafficGenerator generator = new TrafficGenerator(logsUrl, bearerToken, nodeNames, entriesPerSecond,
                batchSize, Scenario.DEFAULT_SEED ^ now, now);
        generator.thread.scheduleWithFixedDelay(generator::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        log.info("Demo traffic: posting about {} http-log entries/s from {} in batches of up to {} to {}",
                entriesPerSecond, nodeNames, batchSize, logsUrl);
        return generator;
    }

    /** Entries in batches the endpoint answered with 2xx. */
    public long sentEntries() {
        return sent.get();
    }

    /** Entries in batches that got another status, no answer, or could not be sent. */
    public long failedEntries() {
        return failed.get();
    }

    /** Stops the thread; entries still queued are dropped. Waits up to two seconds for a POST in flight. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Demo traffic: the sender did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            enqueueDue(now);
            for (String node : nodes) {
                flush(node, now);
            }
            if (++ticks % 8 == 0) {
                postStreamSessions(now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            reportOnce("error " + e.getClass().getName(), "Demo traffic: generating entries failed", e);
        }
    }

    /**
     * The entries the rate says arrived since the last tick, ending evenly spread over the interval.
     * After a stall (a slow endpoint) at most {@value #MAX_CATCH_UP_MILLIS} ms are made up for, so
     * that a hanging endpoint cannot make the queues grow without bound.
     */
    private void enqueueDue(long now) {
        long elapsed = Math.min(MAX_CATCH_UP_MILLIS, Math.max(0, now - lastTick));
        lastTick = now - elapsed;
        due += model.rate(now - elapsed / 2) * elapsed / 1000.0;
        int count = (int) due;
        due -= count;
        for (int i = 0; i < count; i++) {
            long loggedAt = lastTick + (elapsed * (i + 1)) / count;
            String node = nodes.get(nodePicker.nextInt(nodes.size()));
            List<TrafficSample> queue = queues.get(node);
            if (queue.isEmpty()) {
                oldest.put(node, now);
            }
            queue.add(model.next(loggedAt, node));
        }
        lastTick = now;
    }

    private void flush(String node, long now) throws InterruptedException {
        List<TrafficSample> queue = queues.get(node);
        while (queue.size() >= batchSize) {
            List<TrafficSample> batch = queue.subList(0, batchSize);
            post(batch);
            batch.clear();
            oldest.put(node, now);
        }
        if (!queue.isEmpty() && now - oldest.get(node) >= COALESCING_MILLIS) {
            post(queue);
            queue.clear();
        }
    }

    /** A few tcp sessions every two seconds, as a stream route's http-log would send them. */
    private void postStreamSessions(long now) throws InterruptedException {
        int sessions = 1 + nodePicker.nextInt(3);
        send(streams.batch(sessions, now), sessions);
    }

    private void post(List<TrafficSample> batch) throws InterruptedException {
        body.reset();
        writer.writeBatch(batch, body);
        send(body.toByteArray(), batch.size());
    }

    private void send(byte[] json, int entries) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(logsUrl)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                sent.addAndGet(entries);
                if (!accepting) {
                    accepting = true;
                    log.info("Demo traffic: {} accepts the batches (HTTP {}); {} entries failed before",
                            logsUrl, status, failed.get());
                }
            } else {
                failed.addAndGet(entries);
                accepting = false;
                reportOnce("HTTP " + status, "Demo traffic: " + logsUrl + " answered HTTP " + status
                        + " to a batch of " + entries + " entries; dropping such batches (logged once per status)",
                        null);
            }
        } catch (IOException | RuntimeException e) {
            failed.addAndGet(entries);
            accepting = false;
            reportOnce(e.getClass().getName(), "Demo traffic: cannot post to " + logsUrl + ": " + describe(e)
                    + "; dropping batches until it works (logged once per kind of error)", null);
        }
    }

    private void reportOnce(String kind, String message, Throwable cause) {
        if (reported.add(kind)) {
            if (cause == null) {
                log.warn(message);
            } else {
                log.warn(message, cause);
            }
        }
    }

    private static String describe(Exception e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
