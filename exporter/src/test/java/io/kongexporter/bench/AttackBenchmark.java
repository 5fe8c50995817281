package io.kongexporter.bench;

import io.kongexporter.support.Scrape;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Under attack" benchmark (prints figures; not a test), issue 10's proof: the exporter jar in its own JVM
 * ({@code -Xmx512m}, default configuration) for N minutes under, all at once, a cardinality flood, 1 MiB labels, slow
 * bodies, an Alertmanager webhook flood and a crowd of SSE clients, beside an honest Kong sending unique entries on its
 * own services. Prints each minute the heap after a full GC and the slowest {@code /-/healthy} and {@code /metrics}
 * answers, and at the end whether the honest entries were counted exactly. Run with
 * {@code scripts/bench.sh attack [--minutes 10] [--honest-rate 50000] ...} ({@code --help} lists the options).
 */
public final class AttackBenchmark {
    private static final Pattern HEAP_USED = Pattern.compile("^\\s*(garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen)\\s.*?used (\\d+)K",
            Pattern.MULTILINE);

    private AttackBenchmark() {}

    public static void main(String[] args) throws Exception {
        AttackOptions options;
        try {
            options = AttackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        EntryTemplate template = new EntryTemplate();
        try (ExporterProcess exporter = ExporterProcess.start(List.of("-Xmx512m"))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", exporter.port());
            HonestSender honest = new HonestSender(exporter.uri("/logs"), template, options.honestRate(), options.honestThreads());
            List<AttackPoster> posters = List.of(
                    new AttackPoster("cardinality", exporter.uri("/logs"), HostileBodies.cardinalityFlood(template, 100),
                            Duration.ofNanos(100 * 1_000_000_000L / Math.max(1, options.floodRate()))),
                    new AttackPoster("1MiB-labels", exporter.uri("/logs"), HostileBodies.oneMebibyteLabels(template), options.bigLabelInterval()),
                    new AttackPoster("webhook", exporter.uri("/alerts/webhook"), HostileBodies.webhookFlood(options.alertsPerPost()),
                            options.webhookInterval()));
            SlowBodies slow = new SlowBodies(address, "/logs", options.slowBodies(), options.slowBytePeriod());
            SseCrowd sse = new SseCrowd(address, options.sseClients());
            AnswerTimes healthy = new AnswerTimes("/-/healthy", address, false, Duration.ofMillis(200));
            AnswerTimes metrics = new AnswerTimes("/metrics", address, true, Duration.ofSeconds(2));

            System.out.printf("under attack: exporter jar, -Xmx512m, default configuration, pid %d; %s%n", exporter.pid(), options);
            honest.start();
            Thread.sleep(options.warmup().toMillis());
            long honestBefore = honest.answered200.get();
            System.out.printf("warm-up (honest sender alone, %d s): %,d entries answered 200%n", options.warmup().toSeconds(), honestBefore);
            healthy.start();
            metrics.start();
            posters.forEach(AttackPoster::start);
            slow.start();
            sse.start();
            long attackStart = System.nanoTime();

            System.out.println("minute  honest/s  honest-refused  heap-after-GC  RSS       sse-open  slow-open  healthy-max  metrics-max  metrics-size");
            List<String> heaps = new ArrayList<>();
            long last = honestBefore;
            for (int minute = 1; minute <= options.minutes(); minute++) {
                Thread.sleep(60_000);
                long now = honest.answered200.get();
                if (ProcessHandle.of(exporter.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                    String heap = heapAfterGc(exporter.pid());
                    heaps.add(heap);
                    System.out.printf("%6d  %8.0f  %14s  %13s  %4.0f MiB  %8d  %9d  %8.1f ms  %8.1f ms  %9.1f MB%n", minute, (now - last) / 60.0,
                            honest.refusals, heap, ProcessCpu.rssBytes(exporter.pid()) / 1048576.0, sse.open.get(), slow.open.get(),
                            healthy.takeMinuteMaxMillis(), metrics.takeMinuteMaxMillis(), metrics.lastBodyBytes.get() / 1e6);
                } else {
                    System.out.printf("%6d  the exporter process is gone%n", minute);
                    heaps.add("gone");
                }
                last = now;
            }
            double attackSeconds = (System.nanoTime() - attackStart) / 1e9;
            printLargestClasses(exporter.pid());
            long honestDuringAttack = honest.answered200.get() - honestBefore;
            for (AttackPoster poster : posters) {
                poster.stop();
            }
            slow.stop();
            sse.stop();
            healthy.stop();
            metrics.stop();
            honest.stop();
            report(exporter, honest, posters, List.of(slow, sse), healthy, metrics, heaps, honestDuringAttack / attackSeconds, options);
        }
    }

    private static void report(ExporterProcess exporter, HonestSender honest, List<AttackPoster> posters, List<RawConnections> raw,
            AnswerTimes healthy, AnswerTimes metrics, List<String> heaps, double honestRate, AttackOptions options)
            throws IOException, InterruptedException {
        System.out.println();
        System.out.println("heap after GC by minute: " + String.join(", ", heaps));
        System.out.printf("honest sender: %,.0f entries/s answered 200 during the attack (target %,d); %,d entries answered 200 in all; "
                        + "refusals %s, io errors %d, re-sends %d, unconfirmed at the end %d; the answers said accepted %,d, duplicate %,d%n",
                honestRate, options.honestRate(), honest.answered200.get(), honest.refusals, honest.ioErrors.get(), honest.resends.get(),
                honest.unconfirmed.get(), honest.reportedAccepted.get(), honest.reportedDuplicate.get());
        for (AttackPoster poster : posters) {
            System.out.println("attacker " + poster);
        }
        for (RawConnections connections : raw) {
            System.out.println("attacker " + connections);
        }
        System.out.println(healthy.summary());
        System.out.println(metrics.summary());

        Scrape scrape;
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(exporter.uri("/metrics"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            scrape = new Scrape(answer.body());
        } catch (IOException e) {
            System.out.println("HONEST COUNT: the final scrape failed (" + e + ")");
            return;
        }
        double honestCounted = scrape.samples().stream().filter(s -> s.name().equals("kong_http_requests_total")
                && s.labels().getOrDefault("service", "").startsWith(HonestSender.SERVICE_PREFIX)).mapToDouble(Scrape.Sample::value).sum();
        double accepted = scrape.value("kong_exporter_log_entries_total", "result", "accepted").orElse(0.0);
        long attackersAccepted = posters.stream().mapToLong(p -> p.accepted.get()).sum();
        long attackersUnknown = posters.stream().mapToLong(p -> p.unknownOutcome.get()).sum();
        long sent = honest.answered200.get();
        System.out.printf("HONEST COUNT %s: sender %,d entries answered 200; exporter kong_http_requests_total over service=~\"%s.*\" %,.0f "
                        + "(difference %,.0f)%n", sent == (long) honestCounted ? "EXACT" : "WRONG", sent, HonestSender.SERVICE_PREFIX,
                honestCounted, honestCounted - sent);
        System.out.printf("  cross-check: kong_exporter_log_entries_total{result=\"accepted\"} %,.0f minus the attackers' accepted %,d = %,.0f "
                + "(attacker posts with a lost answer: %d)%n", accepted, attackersAccepted, accepted - attackersAccepted, attackersUnknown);
        for (String family : List.of("kong_exporter_log_entries_total", "kong_exporter_log_requests_total", "kong_exporter_series",
                "kong_exporter_series_overflow_total", "kong_exporter_label_truncations_total", "kong_exporter_alerts_truncated_total",
                "kong_exporter_sse_clients", "kong_exporter_sse_dropped_clients_total", "kong_exporter_live_replay_bytes", "kong_exporter_dedupe_ids")) {
            for (Scrape.Sample s : scrape.find(family)) {
                System.out.printf("  %s%s %,.0f%n", s.name(), s.labels().isEmpty() ? "" : s.labels(), s.value());
            }
        }
    }

    /** {@code jcmd GC.run} then {@code GC.heap_info}: the heap in use after a full GC, as {@code 123 MiB}. */
    static String heapAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        long usedKiB = 0;
        boolean found = false;
        while (m.find()) {
            usedKiB += Long.parseLong(m.group(2));
            found = true;
        }
        return found ? (usedKiB / 1024) + " MiB" : "?";
    }

    /** What holds the heap at the end of the attack: the largest classes of {@code jcmd GC.class_histogram}. */
    private static void printLargestClasses(long pid) throws IOException, InterruptedException {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            System.out.println("largest classes on the heap at the end of the attack (jcmd GC.class_histogram):");
            jcmd(pid, "GC.class_histogram").lines().skip(1).limit(12).forEach(line -> System.out.println("  " + line.strip()));
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
