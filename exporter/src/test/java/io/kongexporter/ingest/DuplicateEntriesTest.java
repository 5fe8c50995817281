package io.kongexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Kong delivers at least once: a re-sent batch (same request ids) is counted once, with fixed memory. */
class DuplicateEntriesTest {

    @Test
    void a_batch_posted_twice_is_counted_once() {
        try (RunningExporter exporter = RunningExporter.start(Map.of())) {
            byte[] batch = Fixtures.httpLog("batch-3.9-five-entries.wire.json");
            assertThat(exporter.post("/logs", batch).body()).isEqualTo("{\"accepted\":5,\"invalid\":0}");
            assertThat(exporter.post("/logs", batch).body()).isEqualTo("{\"accepted\":0,\"invalid\":0,\"duplicate\":5}");
            Scrape s = exporter.scrape();
            assertThat(s.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum()).isEqualTo(5.0);
            assertThat(s.value("kong_exporter_log_entries_total", "result", "duplicate")).contains(5.0);
            assertThat(s.value("kong_exporter_log_entries_total", "result", "accepted")).contains(5.0);
            assertThat(s.value("kong_exporter_dedupe_ids")).contains(5.0);
        }
    }

    @Test
    void entries_without_a_request_id_and_a_disabled_window_are_always_counted() {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--ingest.dedupe_window=0s")) {
            byte[] batch = Fixtures.httpLog("batch-3.9-five-entries.wire.json");
            exporter.post("/logs", batch);
            exporter.post("/logs", batch);
            assertThat(exporter.scrape().find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum()).isEqualTo(10.0);
        }
        try (RunningExporter exporter = RunningExporter.start(Map.of())) {
            byte[] old = Fixtures.httpLog("entry-2.8-proxied-200.json");
            exporter.post("/logs", old);
            exporter.post("/logs", old);
            assertThat(exporter.scrape().find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum()).isEqualTo(2.0);
        }
    }

    @Test
    void memory_stays_fixed_when_more_ids_arrive_than_the_window_holds_and_counting_stays_exact() {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--ingest.dedupe_max_ids=600")) {
            int sent = 0;
            for (int b = 0; b < 50; b++) {
                List<String> entries = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    entries.add("{\"request\":{\"id\":\"" + String.format("%032x", (long) b * 1000 + i) + "\"},\"response\":{\"status\":200}}");
                }
                exporter.post("/logs", ("[" + String.join(",", entries) + "]").getBytes(StandardCharsets.UTF_8));
                sent += 200;
            }
            Scrape s = exporter.scrape();
            assertThat(s.value("kong_exporter_dedupe_ids").orElseThrow()).isLessThanOrEqualTo(600);
            assertThat(s.value("kong_exporter_dedupe_unremembered_total").orElseThrow()).isGreaterThan(0);
            assertThat(s.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum()).isEqualTo(sent);
        }
    }

    @Test
    void ids_are_forgotten_once_the_window_has_passed() {
        MutableClock clock = new MutableClock();
        RecentIds ids = new RecentIds(Duration.ofMinutes(2), 1000, clock);
        List<LogEntry> one = List.of(entry("0123456789abcdef0123456789abcdef"));
        assertThat(ids.firstDeliveries(one)).hasSize(1);
        clock.advance(Duration.ofSeconds(60));
        assertThat(ids.firstDeliveries(one)).as("a re-send within the window").isEmpty();
        clock.advance(Duration.ofSeconds(150));
        assertThat(ids.firstDeliveries(one)).as("after the window").hasSize(1);
    }

    @Test
    void different_ids_never_collide_in_a_large_sample() {
        Set<Long> seen = new java.util.HashSet<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            String id = String.format("%016x%016x", random.nextLong(), random.nextLong());
            assertThat(seen.add(RecentIds.fingerprint(id))).isTrue();
        }
    }

    private static LogEntry entry(String requestId) {
        return LogEntry.http(200).service("s", null).route("r", null).latencies(1, 1, 1, Double.NaN).sizes(1, 1).tries(1)
                .requestId(requestId).startedAt(0).build();
    }
}
