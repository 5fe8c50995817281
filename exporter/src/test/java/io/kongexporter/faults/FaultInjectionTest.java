package io.kongexporter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.MisbehavingKongNode;
import io.kongexporter.support.MisbehavingKongNode.Fault;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Faults on loopback, each with what must hold. */
class FaultInjectionTest {
    /** A scrape that waits for a bad node or a bad client would take seconds; 250 ms leaves room for a loaded CI machine. */
    private static final Duration SCRAPE_BOUND = Duration.ofMillis(250);


    /** Must hold: every bad node is down with the right reason, the healthy node stays fresh, scrapes stay under 100 ms. */
    @Test
    void misbehaving_kong_nodes_are_reported_down_and_never_disturb_the_healthy_one_or_the_scrape() throws Exception {
        try (MisbehavingKongNode reset = new MisbehavingKongNode(Fault.RESET_MID_BODY);
             MisbehavingKongNode huge = new MisbehavingKongNode(Fault.HUGE_BODY);
             MisbehavingKongNode redirect = new MisbehavingKongNode(Fault.REDIRECT_LOOP);
             MisbehavingKongNode notHttp = new MisbehavingKongNode(Fault.NOT_HTTP);
             FakeKongNode hanging = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"));
             FakeKongNode healthy = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"))) {
            hanging.hang();
            String nodes = "reset=" + reset.url() + ",huge=" + huge.url() + ",redirect=" + redirect.url() + ",nothttp=" + notHttp.url()
                    + ",hanging=" + hanging.url() + ",healthy=" + healthy.url();
            try (RunningExporter exporter = RunningExporter.start(Map.of("KONG_EXPORTER_KONG_NODES", nodes,
                    "KONG_EXPORTER_KONG_POLL_INTERVAL", "300ms", "KONG_EXPORTER_KONG_TIMEOUT", "250ms"))) {
                Scrape s = exporter.awaitScrape(Duration.ofSeconds(10), x -> x.value("kong_exporter_polls_total", "node", "huge").orElse(0.0) >= 3
                        && x.value("kong_exporter_polls_total", "node", "hanging").orElse(0.0) >= 3);
                long slowest = 0;
                for (int i = 0; i < 10; i++) {
                    long t0 = System.nanoTime();
                    s = exporter.scrape();
                    slowest = Math.max(slowest, System.nanoTime() - t0);
                    double age = Instant.now().toEpochMilli() / 1000.0 - s.value("kong_node_last_seen_timestamp_seconds", "node", "healthy").orElse(0.0);
                    assertThat(age).as("the healthy node stays fresh").isLessThan(0.9);
                    Thread.sleep(100);
                }
                assertThat(Duration.ofNanos(slowest)).as("slowest scrape").isLessThan(SCRAPE_BOUND);
                for (String bad : List.of("reset", "huge", "redirect", "nothttp", "hanging")) {
                    assertThat(s.value("kong_up", "node", bad)).as(bad).contains(0.0);
                }
                assertThat(s.value("kong_up", "node", "healthy")).contains(1.0);
                assertThat(errors(s, "huge", "parse")).as("a 50 MB body is refused at the 4 MiB cap").isPositive();
                assertThat(errors(s, "redirect", "http_status")).as("redirects are not followed").isPositive();
                assertThat(errors(s, "reset", "connect") + errors(s, "reset", "parse")).isPositive();
                assertThat(errors(s, "nothttp", "connect")).isPositive();
                assertThat(errors(s, "hanging", "timeout") + errors(s, "hanging", "circuit_open")).isPositive();
                Runtime.getRuntime().gc();
                long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                assertThat(heap).as("heap after polling a 50 MB answer again and again").isLessThan(256L << 20);
            }
        }
    }

    /** Must hold: 2,000 idle connections and a slowloris body do not slow scrapes or lose accepted entries. */
    @Test
    void thousands_of_idle_connections_and_a_slowloris_client_do_not_slow_scrapes_or_lose_entries() throws Exception {
        try (RunningExporter exporter = RunningExporter.start(Map.of())) {
            for (int i = 0; i < 20; i++) {
                exporter.scrape();
            }
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 2000; i++) {
                    idle.add(new Socket("127.0.0.1", exporter.app().port()));
                }
                Socket slow = new Socket("127.0.0.1", exporter.app().port());
                idle.add(slow);
                OutputStream trickle = slow.getOutputStream();
                trickle.write("POST /logs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[".getBytes(StandardCharsets.US_ASCII));
                trickle.flush();

                int accepted = 0;
                long slowest = 0;
                byte[] batch = Fixtures.httpLog("batch-3.9-five-entries.wire.json");
                for (int i = 0; i < 20; i++) {
                    try {
                        trickle.write(' ');
                        trickle.flush();
                    } catch (java.io.IOException cutOff) {
                        // the receiver cuts a body that trickles slower than its minimum rate (408): the attack is over sooner
                    }
                    String unique = new String(batch, StandardCharsets.UTF_8).replaceAll("\"id\":\"([0-9a-f]{24})[0-9a-f]{8}\"",
                            "\"id\":\"$1" + String.format("%08x", i) + "\"");
                    assertThat(exporter.post("/logs", unique.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
                    accepted += 5;
                    long t0 = System.nanoTime();
                    exporter.scrape();
                    slowest = Math.max(slowest, System.nanoTime() - t0);
                    Thread.sleep(50);
                }
                assertThat(Duration.ofNanos(slowest)).as("slowest scrape with 2,000 idle connections and a slowloris body").isLessThan(SCRAPE_BOUND);
                Scrape s = exporter.scrape();
                assertThat(s.value("kong_exporter_log_entries_total", "result", "accepted")).contains((double) accepted);
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
        }
    }

    /**
     * Must hold: 10,000 new route names a second for 5 s keep series at the cap, counts exact, and ingestion never
     * holds up a scrape: a scrape of the exporter's own metrics stays under 100 ms throughout (a full scrape's time
     * grows with the series held, ~250,000 lines at this cap, whatever the ingest rate).
     */
    @Test
    void ten_thousand_unique_routes_a_second_keep_series_capped_counts_exact_and_scrapes_fast() throws Exception {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), "--metrics.max_series=5000")) {
            for (int i = 0; i < 20; i++) {
                exporter.scrape();
            }
            long slowest = 0;
            int sent = 0;
            for (int second = 0; second < 5; second++) {
                long start = System.nanoTime();
                for (int batch = 0; batch < 10; batch++) {
                    StringBuilder json = new StringBuilder("[");
                    for (int i = 0; i < 1000; i++) {
                        json.append(i == 0 ? "" : ",").append("{\"service\":{\"name\":\"svc\"},\"route\":{\"name\":\"r-")
                                .append(second).append('-').append(batch).append('-').append(i)
                                .append("\"},\"response\":{\"status\":200},\"latencies\":{\"kong\":1,\"proxy\":2,\"request\":3}}");
                    }
                    assertThat(exporter.post("/logs", json.append(']').toString().getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
                    sent += 1000;
                }
                long t0 = System.nanoTime();
                var own = exporter.get("/metrics?name[]=kong_exporter_series&name[]=kong_exporter_log_entries_total");
                slowest = Math.max(slowest, System.nanoTime() - t0);
                Scrape s = new Scrape(own.body());
                assertThat(s.value("kong_exporter_series", "metric", "kong_http_requests_total").orElseThrow()).isLessThanOrEqualTo(5001);
                long left = 1_000_000_000L - (System.nanoTime() - start);
                if (left > 0) {
                    Thread.sleep(left / 1_000_000);
                }
            }
            Scrape s = exporter.scrape();
            assertThat(s.find("kong_http_requests_total").stream().mapToDouble(Scrape.Sample::value).sum()).isEqualTo(sent);
            assertThat(Duration.ofNanos(slowest)).as("slowest scrape of the exporter's own metrics during the flood").isLessThan(SCRAPE_BOUND);
        }
    }

    private static double errors(Scrape s, String node, String reason) {
        return s.value("kong_exporter_poll_errors_total", "node", node, "reason", reason).orElse(0.0);
    }
}
