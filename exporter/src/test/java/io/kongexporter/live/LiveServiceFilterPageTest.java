package io.kongexporter.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.HeadlessChromium;
import io.kongexporter.support.RunningExporter;
import io.kongfixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service filter of the live page, in headless Chromium against a real exporter that polls a fake Kong node and
 * receives http-log traffic of two services: {@code orders-api} (3 requests every 250 ms, all 200) and
 * {@code billing} (10 every 250 ms, all 500). Clicking a service in the services table shows only it on the whole
 * page, through {@code /events?service=}; the chip clears it.
 */
@Timeout(90)
class LiveServiceFilterPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SERVICES = "[...document.querySelectorAll('[data-testid=svc-name]')].map(e => e.textContent).sort().join(',')";
    private static final String TOP = "[...document.querySelectorAll('[data-testid=service-name]')].map(e => e.textContent).sort().join(',')";

    private FakeKongNode kong;
    private RunningExporter exporter;
    private HeadlessChromium chromium;
    private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() {
        assertThat(HeadlessChromium.available()).as("no %s: run ./scripts/test.sh, which installs Debian's chromium", HeadlessChromium.binary()).isTrue();
        kong = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-dbless.json")).serve("/", Fixtures.adminApi("root-3.9.json"));
        exporter = RunningExporter.start(Map.of("KONG_EXPORTER_KONG_NODES", "kong-1=" + kong.url()), 15_000);
        traffic.scheduleAtFixedRate(this::send, 0, 250, TimeUnit.MILLISECONDS);
        chromium = HeadlessChromium.start();
        chromium.viewport(1400, 900);
    }

    @AfterEach
    void close() {
        traffic.shutdownNow();
        chromium.close();
        exporter.close();
        kong.close();
    }

    @Test
    void clicking_a_service_filters_charts_figures_and_tables_and_the_chip_clears_it() {
        chromium.open(exporter.url("/live/"));
        chromium.waitFor(SERVICES, v -> v.equals("billing,orders-api"), WAIT);
        chromium.waitFor("+document.querySelector('[data-testid=error-5xx]').dataset.value > 50", WAIT);
        assertThat(chromium.text("[data-testid=node-lua]")).as("four Lua VMs of about 61 MiB in the fixture").isEqualTo("244 MiB");
        assertThat(chromium.evaluate("document.querySelector('[data-testid=service-chip]').hidden")).isEqualTo(true);

        chromium.evaluate("document.querySelector('[data-testid=svc-name][data-service=\"orders-api\"]').click()");

        chromium.waitFor("!document.querySelector('[data-testid=service-chip]').hidden", WAIT);
        assertThat(chromium.text("[data-testid=service-chip]")).contains("filtered:").contains("orders-api").contains("×");
        assertThat(chromium.evaluate("location.search")).isEqualTo("?service=orders-api");
        chromium.waitFor(SERVICES, v -> v.equals("orders-api"), WAIT);
        chromium.waitFor(TOP, v -> v.equals("orders-api"), WAIT);
        chromium.waitFor("document.querySelector('[data-testid=rps]').dataset.value !== undefined", WAIT);
        assertThat(Double.parseDouble(String.valueOf(chromium.evaluate("document.querySelector('[data-testid=rps]').dataset.value"))))
                .as("orders-api alone: 12 requests/s, not 52").isBetween(1.0, 24.0);
        assertThat(chromium.evaluate("+document.querySelector('[data-testid=error-5xx]').dataset.value")).as("billing's 500s are gone").isEqualTo(0);
        assertThat(Double.parseDouble(String.valueOf(chromium.evaluate("document.getElementById('chart-rps').dataset.sum"))))
                .as("the chart holds only orders-api's seconds").isLessThanOrEqualTo(12.0 * 30);
        assertThat(chromium.text("[data-testid=latency-p95]")).as("upstream p95 of orders-api").matches("\\d.* ms");
        assertThat(chromium.texts("[data-testid=node-name]")).as("nodes stay cluster-wide").containsExactly("kong-1");
        chromium.screenshot(Fixtures.projectRoot().resolve("exporter/target/live-service-filter-1400x900.png"));
        chromium.viewport(390, 844);
        RunningExporter.sleep(500);
        chromium.screenshot(Fixtures.projectRoot().resolve("exporter/target/live-service-filter-390x844.png"));
        chromium.viewport(1400, 900);

        chromium.evaluate("document.querySelector('[data-testid=service-chip]').click()");

        chromium.waitFor("document.querySelector('[data-testid=service-chip]').hidden", WAIT);
        assertThat(chromium.evaluate("location.search")).isEqualTo("");
        chromium.waitFor(SERVICES, v -> v.equals("billing,orders-api"), WAIT);
        chromium.waitFor("+document.querySelector('[data-testid=error-5xx]').dataset.value > 50", WAIT);
        assertThat(chromium.errors()).as("no script errors or failed loads").isEmpty();
    }

    private void send() {
        try {
            long now = System.currentTimeMillis();
            ArrayNode batch = JSON.createArrayNode();
            for (int i = 0; i < 13; i++) {
                ObjectNode entry = LiveTrafficTest.entry("entry-3.9-proxied-200-consumer.json", now);
                if (i >= 3) {
                    ((ObjectNode) entry.get("service")).put("name", "billing");
                    ((ObjectNode) entry.get("response")).put("status", 500);
                }
                batch.add(entry);
            }
            exporter.post("/logs", batch.toString().getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            // the exporter is closing
        }
    }
}
