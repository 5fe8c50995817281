package io.kongexporter.bench;

import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory benchmark (prints numbers; not a test): the exporter jar with the JVM flags of exporter/Dockerfile's
 * ENTRYPOINT (read from the file, so they cannot drift) and a container limit simulated by {@code -XX:MaxRAM}
 * (no container here), in three runs: idle; 20,000 request series under ingest as fast as the load generator
 * gets it in (unique request ids, so de-duplication holds its full window); 1,000 polled nodes. Prints RSS, heap
 * and non-heap every 20 s and the start-up time to {@code /-/ready} with and without the class-data archive the
 * image builds. Run with {@code scripts/bench.sh memory [limitMiB=384] [minutes=3]}.
 */
public final class MemoryBenchmark {
    private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT \\[(.*)]$");
    private static final int ROUTES = 2000;
    private static final int[] CODES = {200, 201, 204, 301, 400, 401, 404, 429, 500, 502};
    private static final String ID = "7d2a1c9f4b6e8a3d5c0f1e2b4a6c8d0e";

    public static void main(String[] args) throws Exception {
        int limitMiB = args.length > 0 ? Integer.parseInt(args[0]) : 384;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path archive = Path.of("exporter/target/bench-app.jsa").toAbsolutePath();
        List<String> imageFlags = imageFlags(Path.of("exporter/Dockerfile"));
        List<String> flags = new ArrayList<>();
        for (String flag : imageFlags) {
            flags.add(flag.startsWith("-XX:SharedArchiveFile=") ? "-XX:SharedArchiveFile=" + archive : flag);
        }
        flags.add("-XX:MaxRAM=" + limitMiB + "m");
        System.out.printf("memory: image flags %s, limit %d MiB (-XX:MaxRAM), %d min per loaded run%n", imageFlags, limitMiB, minutes);

        // what the image build does: a training run writes the class-data archive when its JVM exits
        Files.deleteIfExists(archive);
        List<String> training = new ArrayList<>(flags.stream().filter(f -> !f.startsWith("-XX:SharedArchiveFile=")).toList());
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        long started = System.nanoTime();
        try (ExporterProcess exporter = ExporterProcess.start(training)) {
            exporter.await("/-/ready");
            System.out.printf("start-up to /-/ready without a class-data archive: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(exporter.uri("/metrics")).build(), HttpResponse.BodyHandlers.discarding());
            exporter.stop();
        }
        System.out.println(Files.exists(archive) ? "class-data archive: " + Files.size(archive) / 1048576 + " MiB" : "no class-data archive written");

        started = System.nanoTime();
        try (ExporterProcess exporter = ExporterProcess.start(flags)) {
            exporter.await("/-/ready");
            System.out.printf("start-up to /-/ready with the archive: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            report("idle", exporter, 1, () -> "");
        }

        try (ExporterProcess exporter = ExporterProcess.start(flags, "--metrics.max_series=20000")) {
            LongAdder sent = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            List<byte[][]> variants = variants();
            for (int t = 0; t < 3; t++) {
                int offset = t;
                Thread sender = new Thread(() -> send(exporter.uri("/logs"), variants, offset, sent, stop), "memory-sender");
                sender.setDaemon(true);
                sender.start();
            }
            long[] last = {0, System.nanoTime()};
            report("ingest", exporter, minutes, () -> {
                long now = System.nanoTime();
                long n = sent.sum();
                String rate = String.format("%,8.0f entries/s", (n - last[0]) / ((now - last[1]) / 1e9));
                last[0] = n;
                last[1] = now;
                return rate;
            });
            stop.set(true);
        }

        Process fleet = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dkong.fixtures=" + System.getProperty("kong.fixtures"), "-cp", System.getProperty("java.class.path"),
                FakeFleet.class.getName(), "1000", "0").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new BufferedReader(new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8)).readLine();
            StringBuilder yaml = new StringBuilder("kong:\n  poll_interval: 5s\n  timeout: 2s\n  nodes:\n");
            int n = 0;
            for (String port : line.substring(6).split(",")) {
                yaml.append("    - {name: node-").append(n++).append(", url: 'http://127.0.0.1:").append(port).append("'}\n");
            }
            Path config = Files.createTempFile("kong-exporter-memory", ".yml");
            Files.writeString(config, yaml);
            started = System.nanoTime();
            try (ExporterProcess exporter = ExporterProcess.start(flags, "--config", config.toString())) {
                exporter.await("/-/ready");
                System.out.printf("start-up to /-/ready with 1,000 nodes (a first poll of every node): %d ms%n",
                        (System.nanoTime() - started) / 1_000_000);
                report("1000 nodes", exporter, minutes, () -> "");
            }
        } finally {
            fleet.destroyForcibly();
        }
    }

    /** The JVM options of the Dockerfile's ENTRYPOINT: the elements between "java" and "-jar". */
    static List<String> imageFlags(Path dockerfile) throws IOException {
        Matcher m = ENTRYPOINT.matcher(Files.readString(dockerfile));
        if (!m.find()) {
            throw new IllegalStateException("no ENTRYPOINT [...] line in " + dockerfile);
        }
        List<String> words = new ArrayList<>();
        for (String quoted : m.group(1).split(",")) {
            words.add(quoted.trim().replaceAll("^\"|\"$", ""));
        }
        return words.subList(1, words.indexOf("-jar"));
    }

    /** Every 20 s for {@code minutes}: RSS, heap, non-heap and what {@code extra} says; then the peak RSS. */
    private static void report(String run, ExporterProcess exporter, int minutes, java.util.function.Supplier<String> extra) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long peak = 0;
        for (int i = 1; i <= minutes * 3; i++) {
            Thread.sleep(20_000);
            if (!exporter.alive()) {
                System.out.printf("%-10s %4d s  the exporter EXITED (out of memory?)%n", run, i * 20);
                return;
            }
            long rss = ProcessCpu.rssBytes(exporter.pid());
            peak = Math.max(peak, rss);
            Scrape s = new Scrape(http.send(HttpRequest.newBuilder(exporter.uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body());
            System.out.printf("%-10s %4d s  RSS %4.0f MiB  heap %4.0f MiB (max %4.0f)  non-heap %3.0f MiB  series %6.0f  %s%n", run, i * 20,
                    rss / 1048576.0, sum(s, "jvm_memory_used_bytes", "heap") / 1048576.0, sum(s, "jvm_memory_max_bytes", "heap") / 1048576.0,
                    sum(s, "jvm_memory_used_bytes", "nonheap") / 1048576.0,
                    s.value("kong_exporter_series", "metric", "kong_http_requests_total").orElse(0.0), extra.get());
        }
        System.out.printf("%-10s peak RSS %.0f MiB%n", run, peak / 1048576.0);
    }

    private static double sum(Scrape s, String name, String area) {
        return s.find(name, "area", area).stream().mapToDouble(Scrape.Sample::value).sum();
    }

    /** The wire fixture varied over 2,000 routes of 40 services and 10 codes, split around its request id (it occurs twice). */
    private static List<byte[][]> variants() {
        String entry = new String(Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json"), StandardCharsets.UTF_8).trim();
        List<byte[][]> variants = new ArrayList<>();
        for (int n = 0; n < ROUTES * CODES.length; n++) {
            int route = n % ROUTES;
            String varied = entry.replace("\"name\":\"orders-api\"", "\"name\":\"svc-" + (route % 40) + "\"")
                    .replace("\"name\":\"orders-route\"", "\"name\":\"route-" + route + "\"")
                    .replace("\"status\":200", "\"status\":" + CODES[n / ROUTES]);
            String[] parts = varied.split(ID, -1);
            byte[][] bytes = new byte[parts.length][];
            for (int p = 0; p < parts.length; p++) {
                bytes[p] = parts[p].getBytes(StandardCharsets.UTF_8);
            }
            variants.add(bytes);
        }
        return variants;
    }

    /** Batches of 100 with unique request ids, back to back over one keep-alive connection. */
    private static void send(URI logs, List<byte[][]> variants, int offset, LongAdder sent, AtomicBoolean stop) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long id = (long) offset << 40;
        int next = offset * 7919;
        ByteArrayOutputStream body = new ByteArrayOutputStream(300_000);
        while (!stop.get()) {
            body.reset();
            body.write('[');
            for (int i = 0; i < 100; i++) {
                byte[][] variant = variants.get(next++ % variants.size());
                body.write(i == 0 ? ' ' : ',');
                byte[] hex = String.format("%032x", id++).getBytes(StandardCharsets.US_ASCII);
                for (int p = 0; p < variant.length; p++) {
                    body.writeBytes(p == 0 ? variant[p] : hex);
                    if (p > 0) {
                        body.writeBytes(variant[p]);
                    }
                }
            }
            body.write(']');
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(logs).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    sent.add(100);
                }
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }
}
