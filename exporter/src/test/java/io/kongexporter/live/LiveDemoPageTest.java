package io.kongexporter.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.ExporterApp;
import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigLoader;
import io.kongexporter.config.ExporterConfig;
import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import io.kongexporter.support.HeadlessChromium;
import io.kongfixtures.Fixtures;
import io.kongsimulator.DemoCluster;
import io.kongsimulator.TrafficGenerator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The real live page, served by a real exporter following the demo's simulated nodes and traffic, in headless Chromium. */
class LiveDemoPageTest {

    @Test
    void live_numbers_appear_and_change_on_the_page_against_the_demo() throws Exception {
        assertThat(HeadlessChromium.available()).as("no %s: run ./scripts/test.sh, which installs Debian's chromium", HeadlessChromium.binary()).isTrue();
        try (DemoCluster demo = DemoCluster.start(Duration.ofMinutes(2), Duration.ofSeconds(20))) {
            List<NodeConfig> nodes = demo.nodes().stream().map(n -> new NodeConfig(n.name(), n.url())).toList();
            ExporterConfig base = ConfigLoader.load(Map.of(), CommandLine.parse("--listen=127.0.0.1:0", "--kong.poll_interval=1s", "--kong.timeout=800ms"));
            KongConfig kong = base.kong();
            try (ExporterApp exporter = ExporterApp.start(base.withKong(new KongConfig(nodes, kong.pollInterval(), kong.timeout(), kong.heartbeatWindow(), true)));
                 TrafficGenerator traffic = TrafficGenerator.start(URI.create("http://127.0.0.1:" + exporter.port() + "/logs"), Optional.empty(),
                         demo.nodes().stream().map(n -> n.name()).toList(), 80, 20);
                 HeadlessChromium chromium = HeadlessChromium.start()) {
                chromium.open(URI.create("http://127.0.0.1:" + exporter.port() + "/live"));
                chromium.waitForText("[data-testid=connection-state]", s -> s.toLowerCase().contains("live"), Duration.ofSeconds(15));
                String first = chromium.waitForText("[data-testid=rps]", s -> s.matches(".*\\d.*"), Duration.ofSeconds(20));
                chromium.waitFor("document.querySelectorAll('[data-testid=node-row]').length === 3", Duration.ofSeconds(15));
                assertThat(chromium.texts("[data-testid=node-name]")).containsExactlyInAnyOrder("demo-kong-1", "demo-kong-2", "demo-kong-3");
                assertThat(chromium.texts("[data-testid=node-version]")).anyMatch(v -> v.startsWith("2.8.4")).anyMatch(v -> v.startsWith("3.9.1"));
                String activeBefore = String.join(",", chromium.texts("[data-testid=node-active]"));
                String second = chromium.waitForText("[data-testid=rps]", s -> !s.equals(first) && s.matches(".*\\d.*"), Duration.ofSeconds(15));
                assertThat(second).as("requests/s changes second by second").isNotEqualTo(first);
                chromium.waitFor("document.querySelectorAll('[data-testid=service-row]').length > 0", Duration.ofSeconds(10));
                Object activeAfter = chromium.waitFor("Array.from(document.querySelectorAll('[data-testid=node-active]')).map(e => e.textContent).join(',')",
                        v -> !activeBefore.equals(v), Duration.ofSeconds(15));
                assertThat(activeAfter).as("node connections follow the status patches").isNotEqualTo(activeBefore);
                chromium.screenshot(Fixtures.projectRoot().resolve("exporter/target/live-demo.png"));
                assertThat(chromium.errors()).as("no script errors or failed loads").isEmpty();
            }
        }
    }
}
