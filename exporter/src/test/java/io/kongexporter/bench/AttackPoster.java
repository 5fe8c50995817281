package io.kongexporter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One attacker thread that POSTs a fresh body every interval (never re-sending: it does not care), counting the
 * answers by status and the entries the exporter said it {@code accepted}, so the honest share of the exporter's
 * counters can be told apart.
 */
final class AttackPoster {
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");

    private final String name;
    private final URI target;
    private final LongFunction<byte[]> bodies;
    private final long intervalNanos;
    private final AtomicBoolean stop = new AtomicBoolean();
    private Thread thread;
    final StatusCounts answers = new StatusCounts();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong ioErrors = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    /** Accepted answers whose count was lost (the connection broke after the exporter may have counted). */
    final AtomicLong unknownOutcome = new AtomicLong();

    /** {@code bodies} gets the post's sequence number. */
    AttackPoster(String name, URI target, LongFunction<byte[]> bodies, Duration interval) {
        this.name = name;
        this.target = target;
        this.bodies = bodies;
        this.intervalNanos = interval.toNanos();
    }

    void start() {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        stop.set(true);
        thread.join();
    }

    String name() {
        return name;
    }

    private void run() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        long next = System.nanoTime();
        for (long seq = 0; !stop.get(); seq++) {
            byte[] body = bodies.apply(seq);
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                bytesSent.addAndGet(body.length);
                answers.add(answer.statusCode());
                Matcher m = ACCEPTED.matcher(answer.body());
                if (answer.statusCode() == 200 && m.find()) {
                    accepted.addAndGet(Long.parseLong(m.group(1)));
                }
            } catch (IOException e) {
                ioErrors.incrementAndGet();
                unknownOutcome.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                HonestSender.sleepNanos(wait);
            } else if (wait < -1_000_000_000L) {
                next = System.nanoTime();
            }
        }
    }

    @Override
    public String toString() {
        return String.format("%-16s posts %s; io errors %d; %.1f MB sent%s", name, answers, ioErrors.get(), bytesSent.get() / 1e6,
                accepted.get() > 0 ? "; entries accepted " + accepted.get() : "");
    }
}
