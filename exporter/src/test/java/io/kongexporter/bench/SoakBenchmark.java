package io.kongexporter.bench;

import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Soak benchmark (prints numbers; not a test): the exporter jar in its own JVM for N minutes under steady ingest
 * (unique request ids, 2,000 routes x 10 codes), 200 simulated Kong nodes polled every 5 s, and 100 SSE subscribers.
 * Every minute: heap after a full GC, RSS, entries/s, series. Flat heap and RSS mean bounded memory.
 * Run with {@code scripts/bench.sh soak [entriesPerSecond=50000] [minutes=10]}.
 */
public final class SoakBenchmark {
    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Process fleet = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dkong.fixtures=" + System.getProperty("kong.fixtures"), "-cp", System.getProperty("java.class.path"),
                FakeFleet.class.getName(), "200", "0").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            String ready = new BufferedReader(new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8)).readLine();
            StringBuilder yaml = new StringBuilder("kong:\n  poll_interval: 5s\n  timeout: 2s\n  nodes:\n");
            int n = 0;
            for (String port : ready.substring(6).split(",")) {
                yaml.append("    - {name: node-").append(n++).append(", url: 'http://127.0.0.1:").append(port).append("'}\n");
            }
            Path config = Files.createTempFile("kong-exporter-soak", ".yml");
            Files.writeString(config, yaml);
            try (ExporterProcess exporter = ExporterProcess.start(List.of("-XX:+AlwaysPreTouch", "-Xms512m", "-Xmx512m"),
                    "--config", config.toString(), "--live.max_clients=200"); Selector selector = Selector.open()) {
                for (int i = 0; i < 100; i++) {
                    SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", exporter.port()));
                    channel.write(ByteBuffer.wrap("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                    channel.configureBlocking(false);
                    channel.register(selector, SelectionKey.OP_READ);
                }
                AtomicLong sseBytes = new AtomicLong();
                Thread reader = new Thread(() -> drain(selector, sseBytes, stop), "soak-sse");
                reader.setDaemon(true);
                reader.start();

                String entry = new String(Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json"), StandardCharsets.UTF_8).trim();
                AtomicLong sent = new AtomicLong();
                AtomicLong ids = new AtomicLong();
                List<Thread> senders = new ArrayList<>();
                int threads = 4;
                for (int t = 0; t < threads; t++) {
                    Thread sender = new Thread(() -> send(exporter.uri("/logs"), entry, rate / threads, sent, ids, stop), "soak-sender");
                    sender.setDaemon(true);
                    sender.start();
                    senders.add(sender);
                }
                System.out.printf("soak: %d entries/s target, 200 nodes polled every 5 s, 100 SSE subscribers, %d minutes%n", rate, minutes);
                System.out.println("minute  entries/s  heap-after-GC  RSS      request-series  dedupe-ids  sse-MB");
                HttpClient http = HttpClient.newHttpClient();
                long lastSent = 0;
                for (int minute = 1; minute <= minutes; minute++) {
                    Thread.sleep(60_000);
                    long nowSent = sent.get();
                    new ProcessBuilder("jcmd", Long.toString(exporter.pid()), "GC.run").redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                    Scrape s = new Scrape(http.send(HttpRequest.newBuilder(exporter.uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body());
                    double heap = s.find("jvm_memory_used_bytes", "area", "heap").stream().mapToDouble(Scrape.Sample::value).sum();
                    System.out.printf("%6d  %9.0f  %10.0f MiB  %4.0f MiB  %14.0f  %10.0f  %6.1f%n", minute, (nowSent - lastSent) / 60.0,
                            heap / 1048576.0, ProcessCpu.rssBytes(exporter.pid()) / 1048576.0,
                            s.value("kong_exporter_series", "metric", "kong_http_requests_total").orElse(0.0),
                            s.value("kong_exporter_dedupe_ids").orElse(0.0), sseBytes.get() / 1e6);
                    lastSent = nowSent;
                }
                stop.set(true);
            }
        } finally {
            stop.set(true);
            fleet.destroyForcibly();
        }
    }

    private static void send(URI logs, String entry, int entriesPerSecond, AtomicLong sent, AtomicLong ids, AtomicBoolean stop) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int batch = 100;
        long intervalNanos = 1_000_000_000L * batch / Math.max(1, entriesPerSecond);
        long next = System.nanoTime();
        int[] codes = {200, 201, 204, 301, 400, 401, 404, 429, 500, 502};
        String[] parts = entry.split("7d2a1c9f4b6e8a3d5c0f1e2b4a6c8d0e");
        while (!stop.get()) {
            StringBuilder body = new StringBuilder(batch * 2700).append('[');
            for (int i = 0; i < batch; i++) {
                long id = ids.incrementAndGet();
                int route = (int) (id % 2000);
                String varied = String.join(String.format("%032x", id), parts)
                        .replace("\"name\":\"orders-route\"", "\"name\":\"route-" + route + "\"")
                        .replace("\"status\":200", "\"status\":" + codes[(int) (id / 2000 % codes.length)]);
                body.append(i == 0 ? "" : ",").append(varied);
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(logs).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    sent.addAndGet(batch);
                }
            } catch (IOException | InterruptedException e) {
                return;
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime();
            }
        }
    }

    private static void drain(Selector selector, AtomicLong bytes, AtomicBoolean stop) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (!stop.get()) {
                selector.select(500);
                for (SelectionKey key : selector.selectedKeys()) {
                    buffer.clear();
                    int read = ((SocketChannel) key.channel()).read(buffer);
                    if (read < 0) {
                        key.cancel();
                    } else {
                        bytes.addAndGet(read);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // done
        }
    }
}
