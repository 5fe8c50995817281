package io.kongexporter.bench;

import io.kongsimulator.KongSimulator;
import io.kongsimulator.SimulatorOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSE fan-out benchmark (prints numbers; not a test): the exporter jar in demo mode in its own JVM, polling the Kong
 * simulator's nodes (started in this JVM, their http-log traffic posted to the exporter), N subscribers of
 * {@code /events?topics=alerts} held by one NIO thread here, and one alert a second posted to the Alertmanager
 * webhook carrying its send time. Reports the delivery lag (send to receipt at each subscriber) and the exporter's CPU.
 * Run with {@code scripts/bench.sh sse [subscribers] [seconds]}.
 */
public final class SseFanoutBenchmark {
    private static final Pattern SENT = Pattern.compile("\"sentAt\":\"(\\d+)\"");

    public static void main(String[] args) throws Exception {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        try (ExporterProcess exporter = ExporterProcess.start(List.of("-XX:+AlwaysPreTouch", "-Xms256m", "-Xmx512m"),
                "--demo", "--live.max_clients=" + (subscribers + 10));
             KongSimulator simulator = KongSimulator.start(SimulatorOptions.parse("--logs-url=" + exporter.uri("/logs")));
             Selector selector = Selector.open()) {
            int port = exporter.port();
            HttpClient http = HttpClient.newHttpClient();
            URI webhook = exporter.uri("/alerts/webhook");
            List<Long> lags = Collections.synchronizedList(new ArrayList<>());
            byte[] request = ("GET /events?topics=alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < subscribers; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channel.write(ByteBuffer.wrap(request));
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, new StringBuilder());
            }
            Thread reader = new Thread(() -> read(selector, lags), "sse-bench-reader");
            reader.setDaemon(true);
            reader.start();
            Thread.sleep(3000);
            System.out.printf("SSE fan-out: %d subscribers of /events?topics=alerts, 1 event/s for %d s, exporter in --demo mode (simulated nodes and traffic)%n",
                    subscribers, seconds);
            long pid = exporter.pid();
            double cpuBefore = ProcessCpu.cpuSeconds(pid);
            long start = System.nanoTime();
            for (int i = 0; i < seconds; i++) {
                long sentAt = System.currentTimeMillis();
                String alert = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"Bench\",\"sentAt\":\""
                        + sentAt + "\"},\"annotations\":{},\"fingerprint\":\"b" + i + "\"}]}";
                http.send(HttpRequest.newBuilder(webhook).POST(HttpRequest.BodyPublishers.ofString(alert)).build(), HttpResponse.BodyHandlers.discarding());
                Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - sentAt)));
            }
            Thread.sleep(1000);
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = ProcessCpu.cpuSeconds(pid) - cpuBefore;
            List<Long> sorted;
            synchronized (lags) {
                sorted = new ArrayList<>(lags);
            }
            Collections.sort(sorted);
            long expected = (long) subscribers * seconds;
            System.out.printf("deliveries: %d of %d expected%n", sorted.size(), expected);
            if (!sorted.isEmpty()) {
                System.out.printf("delivery lag: p50 %d ms, p99 %d ms, max %d ms (target p99 < 250 ms)%n",
                        sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)), sorted.get(sorted.size() - 1));
            }
            System.out.printf("exporter CPU: %.1f %% of one core with %d subscribers and demo traffic; RSS %.0f MiB%n",
                    100 * cpu / wall, subscribers, ProcessCpu.rssBytes(pid) / 1048576.0);
        }
    }

    private static void read(Selector selector, List<Long> lags) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (selector.isOpen()) {
                selector.select(500);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    buffer.clear();
                    int n;
                    try {
                        n = channel.read(buffer);
                    } catch (IOException e) {
                        key.cancel();
                        continue;
                    }
                    if (n < 0) {
                        key.cancel();
                        continue;
                    }
                    long now = System.currentTimeMillis();
                    StringBuilder pending = (StringBuilder) key.attachment();
                    pending.append(new String(buffer.array(), 0, n, StandardCharsets.UTF_8));
                    int end;
                    while ((end = pending.indexOf("\n\n")) >= 0) {
                        Matcher m = SENT.matcher(pending.substring(0, end));
                        if (m.find()) {
                            lags.add(now - Long.parseLong(m.group(1)));
                        }
                        pending.delete(0, end + 2);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // done
        }
    }

}
