package io.kongexporter.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.SseSubscriber;
import io.kongfixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Snapshots and resumes of {@code /events} over real HTTP: ids across restarts, ids inside a snapshot, alerts in it. */
class StreamResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private RunningExporter exporter(String nodes) {
        Map<String, String> env = new HashMap<>(Map.of("KONG_EXPORTER_KONG_POLL_INTERVAL", "200ms", "KONG_EXPORTER_KONG_TIMEOUT", "150ms"));
        if (nodes != null) {
            env.put("KONG_EXPORTER_KONG_NODES", nodes);
        }
        return RunningExporter.start(env, 15_000);
    }

    private FakeKongNode kong() {
        return track(new FakeKongNode()).serveStatus(Fixtures.adminApi("status-3.9-dbless.json")).serve("/", Fixtures.adminApi("root-3.9.json"));
    }

    @Test
    void ids_of_a_restarted_exporter_are_all_greater_and_an_id_from_the_previous_run_gets_a_snapshot() {
        List<Long> firstRun = new ArrayList<>();
        try (RunningExporter first = exporter(null)) {
            SseSubscriber sse = track(SseSubscriber.connect(first.url("/events?topics=alerts")));
            post(first, alert("firing", "old-1"));
            firstRun.add(numeric(sse.await(WAIT, e -> e.name().equals("alert")).id()));
        }
        try (RunningExporter second = exporter(null)) {
            SseSubscriber sse = track(SseSubscriber.connect(second.url("/events?topics=alerts")));
            post(second, alert("firing", "new-1"), alert("firing", "new-2"), alert("firing", "new-3"));
            List<Long> secondRun = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                secondRun.add(numeric(sse.await(WAIT, e -> e.name().equals("alert")).id()));
            }
            assertThat(secondRun).as("no id of the second run repeats or precedes one of the first").allMatch(id -> id > firstRun.get(0));

            SseSubscriber resumed = track(SseSubscriber.connect(second.url("/events?topics=alerts"), "Last-Event-ID", Long.toString(firstRun.get(0))));
            List<String> fingerprints = fingerprints(resumed, 3);
            assertThat(fingerprints).as("a resume from another run gets the whole state, not a replay").containsExactly("new-1", "new-2", "new-3");
        }
    }

    @Test
    void every_snapshot_event_has_its_own_id_and_resuming_from_the_first_gets_the_rest() throws Exception {
        FakeKongNode one = kong();
        FakeKongNode two = kong();
        RunningExporter exporter = track(exporter("kong-1=" + one.url() + ",kong-2=" + two.url()));
        exporter.awaitScrape(WAIT, s -> s.value("kong_up", "node", "kong-2").orElse(0.0) == 1.0 && s.value("kong_up", "node", "kong-1").orElse(0.0) == 1.0);
        RunningExporter.sleep(500);

        SseSubscriber sse = track(SseSubscriber.connect(exporter.url("/events?topics=status,cluster")));
        List<SseSubscriber.Event> snapshot = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            snapshot.add(sse.next(WAIT));
        }
        assertThat(snapshot).extracting(SseSubscriber.Event::name).containsExactly("snapshot", "status", "status", "cluster");
        assertThat(JSON.readTree(snapshot.get(0).data()).get("position").asText()).as("the id of the snapshot's last event").isEqualTo(snapshot.get(3).id());
        assertThat(snapshot).extracting(SseSubscriber.Event::id).doesNotHaveDuplicates();
        sse.close();

        SseSubscriber resumed = track(SseSubscriber.connect(exporter.url("/events?topics=status,cluster"), "Last-Event-ID", snapshot.get(1).id()));
        List<String> nodes = new ArrayList<>();
        SseSubscriber.Event e;
        while (nodes.size() < 2 && (e = resumed.await(Duration.ofSeconds(3), ev -> ev.name().equals("status"))) != null) {
            nodes.add(JSON.readTree(e.data()).get("node").asText());
        }
        assertThat(nodes).as("the rest of the snapshot after its first event").contains("kong-2");
    }

    @Test
    void a_new_subscriber_gets_every_firing_alert_in_its_snapshot_after_the_status_documents() throws Exception {
        FakeKongNode kong = kong();
        RunningExporter exporter = track(exporter("kong-1=" + kong.url()));
        exporter.awaitScrape(WAIT, s -> s.value("kong_up", "node", "kong-1").orElse(0.0) == 1.0);
        post(exporter, alert("firing", "a"), alert("firing", "b"), alert("firing", "c"));
        post(exporter, alert("resolved", "b"));

        SseSubscriber sse = track(SseSubscriber.connect(exporter.url("/events?topics=status,cluster,alerts")));
        List<String> names = new ArrayList<>();
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SseSubscriber.Event e = sse.next(WAIT);
            assertThat(e).as("snapshot event " + i).isNotNull();
            names.add(e.name());
            if (e.name().equals("alert")) {
                alerts.add(JSON.readTree(e.data()).get("fingerprint").asText());
            }
        }
        assertThat(names).containsExactly("snapshot", "status", "cluster", "alert", "alert");
        assertThat(alerts).containsExactly("a", "c");

        SseSubscriber tooOld = track(SseSubscriber.connect(exporter.url("/events?topics=alerts"), "Last-Event-ID", "1"));
        assertThat(fingerprints(tooOld, 2)).containsExactly("a", "c");
    }

    private static List<String> fingerprints(SseSubscriber sse, int n) {
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SseSubscriber.Event e = sse.await(Duration.ofSeconds(3), ev -> ev.name().equals("alert"));
            if (e == null) {
                break;
            }
            try {
                fingerprints.add(JSON.readTree(e.data()).get("fingerprint").asText());
            } catch (Exception bad) {
                throw new AssertionError(bad);
            }
        }
        return fingerprints;
    }

    /** The numeric part of an id (snapshot events before the last have {@code <number>.<index>}). */
    private static long numeric(String id) {
        int dot = id.indexOf('.');
        return Long.parseLong(dot < 0 ? id : id.substring(0, dot));
    }

    static String alert(String status, String fingerprint) {
        return "{\"status\":\"" + status + "\",\"labels\":{\"alertname\":\"KongNodeDown\",\"severity\":\"critical\",\"node\":\"kong-1\"},"
                + "\"annotations\":{\"summary\":\"down\"},\"startsAt\":\"2026-11-21T07:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                + "\"generatorURL\":\"http://prometheus:9090/graph\",\"fingerprint\":\"" + fingerprint + "\"}";
    }

    static void post(RunningExporter exporter, String... alerts) {
        String body = "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"kong-exporter\",\"alerts\":[" + String.join(",", alerts) + "]}";
        assertThat(exporter.post("/alerts/webhook", body.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    }
}
