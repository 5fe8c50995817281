package io.kongexporter.bench;

import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ingest load benchmark (prints numbers; not a test): the real exporter jar in its own JVM, a load generator
 * posting realistic Kong 3.9 batches (the wire fixture varied over 2,000 routes and 10 status codes, ~2.5 KB an
 * entry) over keep-alive connections, at batch sizes 1, 100 and 1,000. The bodies repeat (and so do their
 * request ids), so de-duplication is off here: this measures parse and record; the soak benchmark runs with it. Reports entries/s, the exporter's CPU per
 * entry (from /proc), series held and heap after a full GC. Run with {@code scripts/bench.sh ingest [seconds]}.
 */
public final class IngestLoadBenchmark {
    private static final int ROUTES = 2000;
    private static final int[] CODES = {200, 201, 204, 301, 400, 401, 404, 429, 500, 502};

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        try (ExporterProcess exporter = ExporterProcess.start(List.of("-XX:+AlwaysPreTouch", "-Xms512m", "-Xmx512m"), "--metrics.max_series=20000",
                "--ingest.dedupe_window=0s")) {
            int port = exporter.port();
            URI logs = exporter.uri("/logs");
            URI metrics = exporter.uri("/metrics");
            HttpClient probe = HttpClient.newHttpClient();
            String entry = new String(Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json"), StandardCharsets.UTF_8).trim();
            System.out.printf("ingest load: exporter -Xmx512m on 127.0.0.1:%d, %d sender threads, %d s per batch size after a warm-up%n",
                    port, senders, seconds);
            // The JIT needs ~30 s of load before Jetty, the parser and the recorder are fully compiled.
            run(logs, bodies(entry, 100), 100, senders, 40, exporter.pid(), false);
            for (int batchSize : new int[] {1, 100, 1000}) {
                List<byte[]> bodies = bodies(entry, batchSize);
                run(logs, bodies, batchSize, senders, 5, exporter.pid(), false);
                run(logs, bodies, batchSize, senders, seconds, exporter.pid(), true);
            }
            new ProcessBuilder("jcmd", Long.toString(exporter.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            Thread.sleep(500);
            Scrape s = new Scrape(probe.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body());
            double heap = s.find("jvm_memory_used_bytes", "area", "heap").stream().mapToDouble(Scrape.Sample::value).sum();
            long t0 = System.nanoTime();
            String text = probe.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
            double scrapeMs = (System.nanoTime() - t0) / 1e6;
            System.out.printf("series: kong_http_requests_total %.0f, kong_request_latency_seconds %.0f; heap after GC %.0f MiB; "
                            + "scrape %.1f ms for %.1f MB; exporter RSS %.0f MiB%n",
                    s.value("kong_exporter_series", "metric", "kong_http_requests_total").orElse(0.0),
                    s.value("kong_exporter_series", "metric", "kong_request_latency_seconds").orElse(0.0),
                    heap / 1048576.0, scrapeMs, text.length() / 1e6, ProcessCpu.rssBytes(exporter.pid()) / 1048576.0);
        }
    }

    private static void run(URI logs, List<byte[]> bodies, int batchSize, int senders, int seconds, long pid, boolean report) throws Exception {
        LongAdder entries = new LongAdder();
        LongAdder failures = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> running = new ArrayList<>();
        double cpuBefore = ProcessCpu.cpuSeconds(pid);
        double selfBefore = ProcessCpu.cpuSeconds(ProcessHandle.current().pid());
        long start = System.nanoTime();
        for (int t = 0; t < senders; t++) {
            int offset = t;
            running.add(pool.submit(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                int i = offset;
                while (!stop.get()) {
                    byte[] body = bodies.get(i++ % bodies.size());
                    try {
                        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(logs)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) {
                            entries.add(batchSize);
                        } else {
                            failures.increment();
                        }
                    } catch (IOException e) {
                        failures.increment();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = ProcessCpu.cpuSeconds(pid) - cpuBefore;
        double self = ProcessCpu.cpuSeconds(ProcessHandle.current().pid()) - selfBefore;
        if (report) {
            long n = entries.sum();
            System.out.printf("batch %4d: %,9.0f entries/s  exporter CPU %5.2f µs/entry (%.0f %% of a core)  load generator CPU %.0f %%  failed requests %d%n",
                    batchSize, n / wall, cpu * 1e6 / Math.max(1, n), 100 * cpu / wall, 100 * self / wall, failures.sum());
        }
    }

    /** 64 distinct bodies cycling over 2,000 routes of 40 services and 10 status codes: up to 20,000 request series. */
    private static List<byte[]> bodies(String entry, int batchSize) {
        List<byte[]> bodies = new ArrayList<>();
        int n = 0;
        int count = Math.max(64, 2 * ROUTES * CODES.length / Math.max(1, batchSize * 64) * 64);
        for (int b = 0; b < Math.min(count, batchSize == 1 ? 20_000 : 400); b++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (batchSize > 1) {
                out.write('[');
            }
            for (int i = 0; i < batchSize; i++, n++) {
                int route = n % ROUTES;
                int code = CODES[(n / ROUTES) % CODES.length];
                String varied = entry.replace("\"name\":\"orders-api\"", "\"name\":\"svc-" + (route % 40) + "\"")
                        .replace("\"name\":\"orders-route\"", "\"name\":\"route-" + route + "\"")
                        .replace("\"status\":200", "\"status\":" + code);
                out.writeBytes(varied.getBytes(StandardCharsets.UTF_8));
                if (batchSize > 1) {
                    out.write(i + 1 < batchSize ? ',' : ']');
                }
            }
            bodies.add(out.toByteArray());
        }
        return bodies;
    }
}
