package io.kongexporter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks one path of the exporter at a fixed period and keeps the time of every answer: {@code /-/healthy} on a fresh
 * connection each time (as a kubelet probe does), {@code /metrics} over one keep-alive connection (as Prometheus
 * does). A refusal, an error or no answer within {@value #TIMEOUT_SECONDS} s is a failure, timed like an answer.
 */
final class AnswerTimes {
    static final double BOUND_MILLIS = 250;
    private static final int TIMEOUT_SECONDS = 10;

    private final String path;
    private final InetSocketAddress exporter;
    private final boolean keepAlive;
    private final Duration period;
    private final List<Long> nanos = new ArrayList<>();
    private volatile boolean stop;
    private Thread thread;
    final AtomicLong failures = new AtomicLong();
    final AtomicLong lastBodyBytes = new AtomicLong();
    private long minuteMaxNanos;

    AnswerTimes(String path, InetSocketAddress exporter, boolean keepAlive, Duration period) {
        this.path = path;
        this.exporter = exporter;
        this.keepAlive = keepAlive;
        this.period = period;
    }

    void start() {
        thread = new Thread(keepAlive ? this::runKeepAlive : this::runFresh, "answer-times" + path);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        stop = true;
        thread.join();
    }

    private void runFresh() {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: exporter\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        while (!stop) {
            long start = System.nanoTime();
            boolean ok;
            try (Socket socket = new Socket()) {
                socket.connect(exporter, TIMEOUT_SECONDS * 1000);
                socket.setSoTimeout(TIMEOUT_SECONDS * 1000);
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] answer = in.readAllBytes();
                lastBodyBytes.set(answer.length);
                ok = new String(answer, 0, Math.min(12, answer.length), StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
            } catch (IOException e) {
                ok = false;
            }
            record(start, ok);
            pause(start);
        }
    }

    private void runKeepAlive() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + exporter.getHostString() + ":" + exporter.getPort() + path))
                .timeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build();
        while (!stop) {
            long start = System.nanoTime();
            boolean ok;
            try {
                HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                lastBodyBytes.set(answer.body().length);
                ok = answer.statusCode() == 200;
            } catch (IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                return;
            }
            record(start, ok);
            pause(start);
        }
    }

    private synchronized void record(long start, boolean ok) {
        long took = System.nanoTime() - start;
        nanos.add(took);
        minuteMaxNanos = Math.max(minuteMaxNanos, took);
        if (!ok) {
            failures.incrementAndGet();
        }
    }

    private void pause(long start) {
        long wait = period.toNanos() - (System.nanoTime() - start);
        if (wait > 0) {
            HonestSender.sleepNanos(wait);
        }
    }

    /** The slowest answer since the last call, in ms. */
    synchronized double takeMinuteMaxMillis() {
        double max = minuteMaxNanos / 1e6;
        minuteMaxNanos = 0;
        return max;
    }

    /** {@code /-/healthy: 2,400 answers, p99 12.1 ms, max 80.2 ms, 0 over 250 ms, 0 failed}. */
    synchronized String summary() {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return path + ": no answers";
        }
        long over = Arrays.stream(sorted).filter(n -> n > BOUND_MILLIS * 1e6).count();
        return String.format("%-10s %,d answers, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d over %.0f ms, %d failed (last body %,d bytes)", path,
                sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                sorted[sorted.length - 1] / 1e6, over, BOUND_MILLIS, failures.get(), lastBodyBytes.get());
    }
}
