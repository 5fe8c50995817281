package io.kongexporter.bench;

import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Poll fan-out benchmark (prints numbers; not a test). Starts a {@link FakeFleet} process of N simulated Kong
 * nodes (some hanging) and the real exporter jar in a second process polling them every 5 s, then measures the
 * exporter's CPU from /proc and, from real scrapes, how old every live node's data is.
 *
 * <p>Run with {@code scripts/bench.sh poll [nodes] [hangPercent] [seconds]}.
 */
public final class PollFanoutBenchmark {
    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int hangPercent = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Duration interval = Duration.ofSeconds(5);
        String classpath = System.getProperty("java.class.path");

        Process fleet = new ProcessBuilder(javaBin(), "-Xmx512m", "-Dkong.fixtures=" + Fixtures.dir().toAbsolutePath(),
                "-cp", classpath, FakeFleet.class.getName(), Integer.toString(nodes), Integer.toString(hangPercent))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ExporterProcess exporter = null;
        try {
            String ready = new BufferedReader(new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (ready == null || !ready.startsWith("READY ")) {
                throw new IllegalStateException("fleet did not start: " + ready);
            }
            StringBuilder yaml = new StringBuilder("kong:\n  poll_interval: 5s\n  timeout: 2s\n  heartbeat_window: 15s\n  nodes:\n");
            Set<String> hanging = new HashSet<>();
            int i = 0;
            for (String port : ready.substring(6).split(",")) {
                String name = "node-" + (i++);
                if (port.endsWith("h")) {
                    hanging.add(name);
                    port = port.substring(0, port.length() - 1);
                }
                yaml.append("    - {name: ").append(name).append(", url: 'http://127.0.0.1:").append(port).append("'}\n");
            }
            Path config = Files.createTempFile("kong-exporter-bench", ".yml");
            Files.writeString(config, yaml);
            exporter = ExporterProcess.start(List.of("-XX:+AlwaysPreTouch", "-Xms128m", "-Xmx256m"), "--config", config.toString());
            exporter.await("/-/ready");
            HttpClient client = HttpClient.newHttpClient();
            URI metrics = exporter.uri("/metrics");

            System.out.printf("poll fan-out: %d nodes (%d hanging), interval %ss, timeout 2s, measuring %d s after a 20 s warm-up%n",
                    nodes, hanging.size(), interval.toSeconds(), seconds);
            Thread.sleep(20_000);
            long pid = exporter.pid();
            double cpuStart = ProcessCpu.cpuSeconds(pid);
            long wallStart = System.nanoTime();
            double worstAge = 0;
            long scrapeNanosMax = 0;
            int scrapes = 0;
            int bytes = 0;
            List<Integer> upCounts = new ArrayList<>();
            while (System.nanoTime() - wallStart < seconds * 1_000_000_000L) {
                Thread.sleep(interval.toMillis());
                long t0 = System.nanoTime();
                String text = client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
                scrapeNanosMax = Math.max(scrapeNanosMax, System.nanoTime() - t0);
                bytes = text.length();
                scrapes++;
                Scrape scrape = new Scrape(text);
                double now = System.currentTimeMillis() / 1000.0;
                int up = 0;
                for (int n = 0; n < nodes; n++) {
                    String name = "node-" + n;
                    if (hanging.contains(name)) {
                        continue;
                    }
                    double seen = scrape.value("kong_node_last_seen_timestamp_seconds", "node", name).orElse(0.0);
                    worstAge = Math.max(worstAge, now - seen);
                    up += scrape.value("kong_up", "node", name).orElse(0.0) == 1.0 ? 1 : 0;
                }
                upCounts.add(up);
            }
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double cpu = ProcessCpu.cpuSeconds(pid) - cpuStart;
            System.out.printf("exporter CPU: %.1f %% of one core (%.2f s CPU in %.1f s)%n", 100 * cpu / wall, cpu, wall);
            System.out.printf("live nodes up per scrape: %s of %d%n", upCounts, nodes - hanging.size());
            System.out.printf("worst data age of a live node: %.2f s (target < %d s = 2 x interval)%n", worstAge, 2 * interval.toSeconds());
            System.out.printf("scrape: %d bytes, slowest %.1f ms over %d scrapes%n", bytes, scrapeNanosMax / 1e6, scrapes);
            System.out.printf("exporter RSS: %.0f MiB%n", ProcessCpu.rssBytes(pid) / 1048576.0);
        } finally {
            if (exporter != null) {
                exporter.close();
            }
            fleet.destroyForcibly();
        }
    }



    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
