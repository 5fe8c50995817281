package io.kongexporter.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** 8 threads posting 2,000 batches of 100 entries each over real HTTP: every entry is counted exactly once. */
class ExactCountingTest {
    private static final int THREADS = 8;
    private static final int BATCHES_PER_THREAD = 250;
    private static final int ENTRIES_PER_BATCH = 100;

    @Test
    void the_sum_of_requests_equals_the_entries_sent_by_eight_concurrent_senders() throws Exception {
        try (RunningExporter exporter = RunningExporter.start(Map.of())) {
            ExecutorService senders = Executors.newFixedThreadPool(THREADS);
            List<Future<Integer>> sent = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                sent.add(senders.submit(() -> {
                    int accepted = 0;
                    for (int i = 0; i < BATCHES_PER_THREAD; i++) {
                        var answer = exporter.post("/logs", batch(thread * BATCHES_PER_THREAD + i));
                        assertThat(answer.statusCode()).isEqualTo(200);
                        accepted += ENTRIES_PER_BATCH;
                    }
                    return accepted;
                }));
            }
            int total = 0;
            for (Future<Integer> f : sent) {
                total += f.get();
            }
            senders.shutdown();
            assertThat(total).isEqualTo(THREADS * BATCHES_PER_THREAD * ENTRIES_PER_BATCH);

            Scrape s = exporter.scrape();
            assertThat(sum(s, "kong_http_requests_total")).isEqualTo(total);
            assertThat(s.value("kong_exporter_log_entries_total", "result", "accepted")).contains((double) total);
            assertThat(sum(s, "kong_request_latency_seconds_count")).isEqualTo(total);
            assertThat(sum(s, "kong_http_consumer_requests_total")).as("every other entry has a consumer").isEqualTo(total / 2);
            assertThat(sum(s, "kong_bandwidth_bytes_total")).isEqualTo(total * (300.0 + 1500.0));
        }
    }

    /** Batches of small, valid 3.x entries (unique request ids) over 8 services x 32 routes and a few status codes. */
    private static byte[] batch(int seed) {
        StringBuilder json = new StringBuilder("[");
        int[] codes = {200, 200, 200, 201, 404, 429, 500, 502};
        for (int i = 0; i < ENTRIES_PER_BATCH; i++) {
            int n = seed * ENTRIES_PER_BATCH + i;
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"service\":{\"name\":\"svc-").append(n % 8).append("\"},\"route\":{\"name\":\"route-").append(n % 32)
                    .append("\"},\"response\":{\"status\":").append(codes[n % codes.length]).append(",\"size\":1500}")
                    .append(",\"request\":{\"size\":300,\"id\":\"").append(String.format("%032x", n)).append("\"}")
                    .append(",\"latencies\":{\"kong\":1,\"proxy\":").append(n % 5 == 0 ? -1 : 20 + n % 100).append(",\"request\":").append(25 + n % 100).append('}')
                    .append(n % 2 == 0 ? ",\"consumer\":{\"username\":\"user-" + (n % 50) + "\"}" : "")
                    .append(",\"workspace_name\":\"default\",\"source\":\"").append(n % 5 == 0 ? "kong" : "upstream").append("\"}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double sum(Scrape s, String name) {
        return s.find(name).stream().mapToDouble(Scrape.Sample::value).sum();
    }
}
