package io.kongexporter.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.live.support.FakeLiveServer;
import io.kongexporter.live.support.Samples;
import io.kongexporter.support.HeadlessChromium;
import io.kongexporter.support.RunningExporter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The node table across reconnects, in headless Chromium against the fake of the live protocol, which (like the
 * exporter's hub) answers a stream resumed with {@code Last-Event-ID} with a replay that holds no status snapshot.
 */
@Timeout(60)
class LiveReconnectPageTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ROWS = "document.querySelectorAll('[data-testid=node-row]').length";

    private FakeLiveServer server;
    private HeadlessChromium chromium;

    @BeforeEach
    void openThePage() {
        assertThat(HeadlessChromium.available()).as("no %s: run ./scripts/test.sh, which installs Debian's chromium", HeadlessChromium.binary()).isTrue();
        server = FakeLiveServer.start(Map.of("kong-1", Samples.upNode("3.9.1", 33, 1000), "kong-2", Samples.downNode("refused")), List.of());
        chromium = HeadlessChromium.start();
        chromium.open(server.url("/live/"));
        chromium.waitFor(ROWS + " === 2", WAIT);
    }

    @AfterEach
    void close() {
        assertThat(chromium.errors()).isEmpty();
        chromium.close();
        server.close();
    }

    @Test
    void keeps_every_node_row_after_a_reconnect_that_resumes_with_last_event_id() {
        server.dropStreams();

        chromium.waitFor("document.querySelector('[data-testid=connection-state]').dataset.state === 'reconnecting'", WAIT);
        chromium.waitFor("document.querySelector('[data-testid=connection-state]').dataset.state === 'live'", WAIT);
        assertThat(server.streamsOpened(true)).as("the browser resumed with Last-Event-ID").isEqualTo(1);
        RunningExporter.sleep(12_000);

        assertThat(chromium.evaluate(ROWS)).isEqualTo(2);
        assertThat(chromium.texts("[data-testid=node-name]")).containsExactly("kong-1", "kong-2");
        assertThat(chromium.text("[data-testid=cluster-known]")).isEqualTo("2");
    }

    @Test
    void a_patch_for_a_node_the_page_never_saw_fetches_a_fresh_snapshot() {
        server.addSilently("kong-3", Samples.upNode("3.9.1", 5, 10));

        server.patch("kong-3", "/connections/active", IntNode.valueOf(6));

        chromium.waitFor(ROWS + " === 3", WAIT);
        assertThat(server.streamsOpened(false)).as("a second stream without Last-Event-ID").isEqualTo(2);
        chromium.waitFor("[...document.querySelectorAll('[data-testid=node-row]')].find(r => r.dataset.node === 'kong-3')"
                + ".querySelector('[data-testid=node-active]').textContent === '6'", WAIT);
    }
}
