package io.kongexporter.live;

import static io.kongexporter.support.HeadlessChromium.jsString;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.kongexporter.live.support.FakeLiveServer;
import io.kongexporter.live.support.Samples;
import io.kongexporter.support.HeadlessChromium;
import io.kongexporter.support.RunningExporter;
import io.kongfixtures.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live page in headless Chromium against a fake of the live protocol: one page for the whole class, driven by
 * changing the fake's state (node docs, alerts, streams). Fails with an install hint where Chromium is missing.
 */
@Timeout(60)
class LivePageTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NODE = "demo-kong-1";
    private static final String HOSTILE_NODE = "<img src=x onerror=alert(1)>";
    private static final String NODE_ROWS = """
            Object.fromEntries([...document.querySelectorAll('[data-testid=node-row]')].map(row => [row.dataset.node,
              Object.fromEntries([...row.querySelectorAll('[data-testid]')]
                .map(cell => [cell.dataset.testid, cell.textContent]))]))
            """;

    private static FakeLiveServer server;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void openThePage() {
        assertThat(HeadlessChromium.available()).as("no %s: run ./scripts/test.sh, which installs Debian's chromium", HeadlessChromium.binary()).isTrue();
        server = FakeLiveServer.start(
                Map.of(NODE, Samples.upNode("3.9.1", 33, 39_487_300),
                        HOSTILE_NODE, Samples.downNode("connect timed out")),
                List.of(Samples.alert("fp-down", "KongNodeDown", "critical", HOSTILE_NODE, "Kong node is down")));
        chromium = HeadlessChromium.start();
        chromium.open(server.url("/live/"));
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void pageRanWithoutScriptErrorsOrDialogs() {
        assertThat(chromium.errors()).isEmpty();
        assertThat(chromium.dialogs()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shows_each_node_from_its_status_snapshot_and_the_stream_as_live() {
        var rows = (Map<String, Map<String, String>>) chromium.waitFor(
                NODE_ROWS, r -> ((Map<?, ?>) r).size() == 2, WAIT);

        assertThat(rows.get(NODE)).containsEntry("node-state", "up")
                .containsEntry("node-version", "3.9.1 community").containsEntry("node-database", "reachable")
                .containsEntry("node-breaker", "closed").containsEntry("node-error", "");
        assertThat(rows.get(HOSTILE_NODE)).containsEntry("node-state", "down")
                .containsEntry("node-breaker", "open").containsEntry("node-error", "connect timed out");
        assertThat(chromium.text("[data-testid=connection-state]")).isEqualTo("live");
        assertThat(chromium.text("[data-testid=cluster-live]")).isEqualTo("1");
        assertThat(chromium.text("[data-testid=cluster-known]")).isEqualTo("2");
        chromium.waitForText("[data-testid=last-event]", t -> t.matches("last event \\d+s ago"), WAIT);
    }

    @Test
    void applies_a_status_patch_to_the_node_it_names() {
        chromium.waitFor(cell(NODE, "node-active") + " === '33'", WAIT);

        server.patch(NODE, "/connections/active", IntNode.valueOf(77));
        server.patch(NODE, "/requests", LongNode.valueOf(39_500_000));

        chromium.waitFor(cell(NODE, "node-active") + " === '77'", WAIT);
        chromium.waitFor(row(NODE) + "?.querySelector('[data-testid=node-rps]')?.title.replace(/\\D/g, '') === '39500000'", WAIT);
        assertThat(chromium.evaluate(cell(HOSTILE_NODE, "node-state"))).isEqualTo("down");
    }

    @Test
    void requests_per_second_follow_the_traffic_events() {
        String rps = "document.querySelector('[data-testid=rps]').dataset.value";
        Object first = chromium.waitFor(rps, v -> v != null, WAIT);
        RunningExporter.sleep(3000);
        Object second = chromium.waitFor(rps, v -> v != null, WAIT);

        assertThat(Integer.parseInt((String) first)).isBetween(100, 249);
        assertThat(second).as("a later second has other numbers").isNotEqualTo(first);
        assertThat(chromium.text("[data-testid=error-5xx]")).endsWith("%");
        assertThat(chromium.texts("[data-testid=service-name]")).startsWith("orders-api", "payments");
    }

    @Test
    void loads_five_minutes_of_one_second_history_and_the_minute_before_them() {
        long now = System.currentTimeMillis() / 1000;
        String request = server.requests().stream().filter(r -> r.startsWith("/api/history?"))
                .findFirst().orElseThrow();

        assertThat(request).matches("/api/history\\?resolution=1s&from=\\d+");
        assertThat(Long.parseLong(request.substring(request.indexOf("from=") + 5))).as("five minutes and the minute before them")
                .isBetween(now - 390, now - 350);
        assertThat(chromium.evaluate("document.querySelector('[data-testid=notice]').hidden")).isEqualTo(true);
    }

    @Test
    void the_latency_selector_switches_between_kong_upstream_and_request_latency() {
        String p50 = "Number(document.querySelector('[data-testid=latency-p50]').dataset.value)";
        chromium.waitFor(p50 + " >= 22", WAIT);

        select("kong");
        chromium.waitFor(p50 + " <= 2", WAIT);
        select("upstream");
        chromium.waitFor(p50 + " >= 20 && " + p50 + " < 35", WAIT);
        select("request");
        chromium.waitFor(p50 + " >= 22", WAIT);
    }

    @Test
    void shows_alerts_from_the_api_and_from_events_and_drops_resolved_ones() {
        chromium.waitFor(alertShown("fp-down"), WAIT);

        server.fire(Samples.alert("fp-errors", "KongHighErrorRate", "warning", NODE, "5xx above 5 %"));
        chromium.waitFor(alertShown("fp-errors"), WAIT);
        assertThat(chromium.evaluate(alertText("fp-errors", "alert-summary"))).isEqualTo("5xx above 5 %");
        assertThat(chromium.evaluate(alertText("fp-errors", "alert-severity"))).isEqualTo("warning");

        server.resolve("fp-errors");
        chromium.waitFor("!" + alertShown("fp-errors"), WAIT);
        assertThat(chromium.evaluate(alertShown("fp-down"))).isEqualTo(true);
    }

    @Test
    void inserts_names_labels_and_annotations_as_text_never_as_html() {
        String summary = "<script>alert(2)</script><b>5xx</b> &amp; more";
        server.fire(Samples.alert("fp-hostile", "<i>KongX</i>", "warning", "<svg onload=alert(3)>", summary));
        chromium.waitFor(alertShown("fp-hostile"), WAIT);
        chromium.waitFor(cell(HOSTILE_NODE, "node-name") + " === " + jsString(HOSTILE_NODE), WAIT);

        assertThat(chromium.evaluate(alertText("fp-hostile", "alert-summary"))).isEqualTo(summary);
        assertThat(chromium.evaluate(alertText("fp-hostile", "alert-name"))).isEqualTo("<i>KongX</i>");
        assertThat((String) chromium.evaluate(alertText("fp-hostile", "alert-labels")))
                .contains("node=<svg onload=alert(3)>");
        chromium.waitFor("[...document.querySelectorAll('[data-testid=service-name]')].some(e => e.textContent === "
                + jsString(Samples.HOSTILE_SERVICE) + ")", WAIT);
        assertThat(chromium.evaluate("document.querySelectorAll('img, svg, script:not([src])').length")).isEqualTo(0);
        assertThat(chromium.evaluate("document.querySelectorAll(':is([data-testid=nodes], [data-testid=alerts], "
                + "[data-testid=services]) :is(b, i)').length")).isEqualTo(0);
        server.resolve("fp-hostile");
    }

    @Test
    void reconnects_after_the_stream_ends_and_catches_up_on_alerts() {
        chromium.waitForText("[data-testid=connection-state]", "live"::equals, WAIT);
        long alertLoads = server.requests().stream().filter(r -> r.equals("/api/alerts")).count();
        server.fireSilently(Samples.alert("fp-missed", "KongConfigDrift", "warning", NODE, "fired while away"));

        server.dropStreams();

        chromium.waitForText("[data-testid=connection-state]", "reconnecting"::equals, WAIT);
        chromium.waitForText("[data-testid=connection-state]", "live"::equals, WAIT);
        chromium.waitFor(alertShown("fp-missed"), WAIT);
        assertThat(server.requests().stream().filter(r -> r.equals("/api/alerts")).count()).isGreaterThan(alertLoads);
        server.resolve("fp-missed");
    }

    @Test
    void applies_rfc6902_add_remove_and_replace_with_pointer_escaping_all_or_nothing() {
        Object patched = chromium.evaluate("""
                KongLive.applyPatch({a: {b: 1}, 'x/y': 1, 'm~n': 2, list: [1, 2, 3]}, [
                  {op: 'replace', path: '/a/b', value: 2}, {op: 'add', path: '/a/c', value: []},
                  {op: 'remove', path: '/x~1y'}, {op: 'replace', path: '/m~0n', value: 3},
                  {op: 'add', path: '/list/1', value: 9}, {op: 'add', path: '/list/-', value: 4},
                  {op: 'remove', path: '/list/0'}, {op: 'replace', path: '/list/0', value: 8}])""");
        assertThat(patched).isEqualTo(
                Map.of("a", Map.of("b", 2, "c", List.of()), "m~n", 3, "list", List.of(8, 2, 3, 4)));

        String failing = """
                (() => { const doc = {a: 1, list: [1]};
                  try { KongLive.applyPatch(doc, [{op: 'replace', path: '/a', value: 2}, %s]); return 'applied'; }
                  catch (e) { return doc.a === 1 ? 'refused' : 'changed the original'; } })()""";
        for (String op : List.of("{op: 'replace', path: '/missing', value: 1}", "{op: 'remove', path: '/list/1'}",
                "{op: 'add', path: '/list/2', value: 1}", "{op: 'move', from: '/a', path: '/b'}",
                "{op: 'add', path: '/__proto__/polluted', value: 1}", "{op: 'add', path: 'a', value: 1}")) {
            assertThat(chromium.evaluate(failing.formatted(op))).as(op).isEqualTo("refused");
        }
    }

    @Test
    void draws_the_three_charts_and_saves_screenshots_wide_and_narrow() throws Exception {
        for (String chart : List.of("chart-rps", "chart-errors", "chart-latency")) {
            chromium.waitFor("document.querySelector('[data-testid=" + chart + "] .legend b').textContent !== '–'",
                    WAIT);
        }
        chromium.waitFor("document.querySelectorAll('[data-testid=node-row]').length === 2", WAIT);
        chromium.waitFor("document.querySelectorAll('[data-testid=svc-row]').length === 3", WAIT);
        Path png = Fixtures.projectRoot().resolve("exporter/target/live-page-1400x900.png");
        Path narrow = png.resolveSibling("live-page-390x844.png");
        Path light = png.resolveSibling("live-page-1400x900-light.png");
        try {
            chromium.viewport(1400, 900);
            chromium.colorScheme("dark");
            RunningExporter.sleep(300);
            chromium.screenshot(png);
            chromium.colorScheme("light");
            RunningExporter.sleep(300);
            chromium.screenshot(light);
            chromium.colorScheme("dark");
            chromium.viewport(390, 844);
            chromium.waitFor("document.documentElement.scrollWidth <= 390", WAIT);
            chromium.screenshot(narrow);
        } finally {
            chromium.viewport(1280, 900);
        }

        for (Path image : List.of(png, narrow, light)) {
            byte[] bytes = Files.readAllBytes(image);
            assertThat(bytes.length).as(image.toString()).isGreaterThan(20_000);
            assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }

    @Test
    void the_header_counts_the_rows_and_a_down_nodes_figures_are_marked_stale() {
        chromium.waitFor("document.querySelectorAll('[data-testid=node-row]').length === 2", WAIT);

        assertThat(chromium.text("[data-testid=cluster-live]")).as("one row says up").isEqualTo("1");
        assertThat(chromium.text("[data-testid=cluster-known]")).isEqualTo("2");
        assertThat(chromium.evaluate(row(HOSTILE_NODE) + ".dataset.stale")).isEqualTo("true");
        assertThat(chromium.evaluate(cell(HOSTILE_NODE, "node-last-seen"))).asString().matches("\\d+s ago · stale");
        assertThat(chromium.evaluate(cell(HOSTILE_NODE, "node-active"))).isEqualTo("12");
        assertThat(chromium.evaluate(row(HOSTILE_NODE) + ".querySelector('[data-testid=node-active]').classList.contains('stale')")).isEqualTo(true);
        assertThat(chromium.evaluate(row(NODE) + ".dataset.stale")).isEqualTo("false");
        assertThat(chromium.evaluate(cell(NODE, "node-role"))).isEqualTo("traditional");
    }

    @Test
    void traffic_without_a_service_shows_as_no_service_never_as_a_blank_row() {
        chromium.waitFor("document.querySelectorAll('[data-testid=service-name]').length === 6", WAIT);

        assertThat(chromium.texts("[data-testid=service-name]")).contains("(no service)").allMatch(t -> !t.isBlank());
        chromium.waitFor("document.querySelectorAll('[data-testid=svc-name]').length === 3", WAIT);
        assertThat(chromium.texts("[data-testid=svc-name]")).contains("(no service)").allMatch(t -> !t.isBlank());
    }

    @Test
    void the_service_table_shows_the_last_minute_sorts_by_a_column_and_filters() {
        chromium.waitFor("document.querySelectorAll('[data-testid=svc-row]').length === 3", WAIT);
        assertThat(chromium.texts("[data-testid=svc-name]")).containsExactly("orders-api", "payments", "(no service)");
        assertThat(chromium.texts("[data-testid=svc-rps]")).containsExactly("10.0", "5.0", "1.0");
        assertThat(chromium.texts("[data-testid=svc-4xx]").get(0)).isEqualTo("10 %");
        assertThat(chromium.texts("[data-testid=svc-5xx-kong]").get(0)).isEqualTo("1.0 %");
        assertThat(chromium.texts("[data-testid=svc-5xx-upstream]").get(0)).isEqualTo("2.0 %");
        assertThat(chromium.texts("[data-testid=svc-p95-upstream]")).containsExactly("89 ms", "412 ms", "–");
        assertThat(chromium.texts("[data-testid=svc-p95-kong]")).containsExactly("2.4 ms", "1 ms", "1 ms");

        chromium.evaluate("document.querySelector('[data-sort=p95Upstream] button').click()");
        chromium.waitFor("document.querySelector('[data-testid=svc-name]').textContent === 'payments'", WAIT);

        chromium.evaluate("document.querySelector('[data-sort=e4xx] button').click()");
        chromium.waitFor("document.querySelector('[data-testid=svc-name]').textContent === '(no service)'", WAIT);
        assertThat(chromium.evaluate("document.querySelector('[data-sort=e4xx]').getAttribute('aria-sort')")).isEqualTo("descending");

        chromium.evaluate("(() => { const f = document.querySelector('[data-testid=service-filter]'); f.value = 'PAY';"
                + " f.dispatchEvent(new Event('input')); })()");
        chromium.waitFor("document.querySelectorAll('[data-testid=svc-row]').length === 1", WAIT);
        assertThat(chromium.texts("[data-testid=svc-name]")).containsExactly("payments");

        // clicking a service filters the whole page: LiveServiceFilterPageTest, against a real exporter
        chromium.evaluate("(() => { const f = document.querySelector('[data-testid=service-filter]'); f.value = '';"
                + " f.dispatchEvent(new Event('input')); document.querySelector('[data-sort=rps] button').click(); })()");
    }

    @Test
    void figures_are_over_the_rolling_minute_not_the_latest_second() {
        chromium.waitFor("document.querySelector('[data-testid=error-5xx]').dataset.value !== undefined", WAIT);

        assertThat(Double.parseDouble((String) chromium.evaluate("document.querySelector('[data-testid=error-5xx]').dataset.value")))
                .as("18 of 960 requests in the minute").isCloseTo(1.875, org.assertj.core.data.Offset.offset(0.001));
        assertThat(chromium.evaluate("document.querySelector('[data-testid=error-4xx]').textContent")).as("120 of 960").isEqualTo("13 %");
    }

    @Test
    void the_time_range_switches_to_an_hour_of_seconds_and_a_day_of_minutes_from_the_history() {
        long now = System.currentTimeMillis() / 1000;
        try {
            chromium.evaluate("document.querySelector('[data-testid=range-1h]').click()");
            String hour = waitForRequest("/api/history?resolution=1s&from=", r -> Long.parseLong(r.substring(r.indexOf("from=") + 5)) < now - 3000);
            assertThat(Long.parseLong(hour.substring(hour.indexOf("from=") + 5))).isBetween(now - 3610, now - 3590);

            chromium.evaluate("document.querySelector('[data-testid=range-24h]').click()");
            String day = waitForRequest("/api/history?resolution=1m&from=", r -> true);
            assertThat(Long.parseLong(day.substring(day.indexOf("from=") + 5))).isBetween(now - 86_410, now - 86_390);
            chromium.waitFor("document.querySelector('[data-testid=chart-rps] .legend b').textContent !== '–'", WAIT);
            assertThat(chromium.evaluate("document.querySelector('[data-testid=notice]').hidden")).isEqualTo(true);
        } finally {
            chromium.evaluate("document.querySelector('[data-testid=range-5m]').click()");
        }
    }

    @Test
    void controls_are_labelled_for_keyboards_and_screen_readers() {
        Object unlabelled = chromium.evaluate("[...document.querySelectorAll('input, select, button')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.textContent.trim() && !e.getAttribute('aria-label')).length");
        assertThat(unlabelled).isEqualTo(0);
        assertThat(chromium.evaluate("document.querySelectorAll('thead th:not([scope=col])').length")).isEqualTo(0);
        assertThat(chromium.evaluate("document.querySelector('[data-testid=connection-state]').getAttribute('role')")).isEqualTo("status");
    }

    private static String waitForRequest(String prefix, java.util.function.Predicate<String> wanted) {
        long end = System.currentTimeMillis() + WAIT.toMillis();
        while (System.currentTimeMillis() < end) {
            var found = server.requests().stream().filter(r -> r.startsWith(prefix)).filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            RunningExporter.sleep(100);
        }
        throw new AssertionError("no request " + prefix + "… in " + server.requests());
    }

    private static String row(String node) {
        return "[...document.querySelectorAll('[data-testid=node-row]')].find(r => r.dataset.node === " + jsString(node) + ")";
    }

    private static void select(String latencyKind) {
        chromium.evaluate("(() => { const s = document.querySelector('[data-testid=latency-kind]'); s.value = "
                + jsString(latencyKind) + "; s.dispatchEvent(new Event('change')); })()");
    }

    /** The text of a cell in a node's row (undefined while the row is missing). */
    private static String cell(String node, String testid) {
        return "[...document.querySelectorAll('[data-testid=node-row]')].find(r => r.dataset.node === " + jsString(node)
                + ")?.querySelector('[data-testid=" + testid + "]')?.textContent";
    }

    private static String alertShown(String fingerprint) {
        return "[...document.querySelectorAll('[data-testid=alert-item]')].some(a => a.dataset.fingerprint === "
                + jsString(fingerprint) + ")";
    }

    private static String alertText(String fingerprint, String testid) {
        return "[...document.querySelectorAll('[data-testid=alert-item]')].find(a => a.dataset.fingerprint === "
                + jsString(fingerprint) + ")?.querySelector('[data-testid=" + testid + "]')?.textContent";
    }
}
