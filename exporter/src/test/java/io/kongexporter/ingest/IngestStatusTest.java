package io.kongexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongfixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Are logs arriving?" without PromQL (issue 13 item 10) and for the KongIngestStalled alert (issue 12 item 9):
 * {@code kong_exporter_last_log_received_timestamp_seconds} and the landing page's ingest section, over real HTTP.
 */
class IngestStatusTest {
    private RunningExporter exporter;

    @AfterEach
    void stop() {
        if (exporter != null) {
            exporter.close();
        }
    }

    @Test
    void last_log_received_timestamp_is_zero_before_any_entry_then_the_time_of_the_last_accepted_batch() {
        exporter = RunningExporter.start(Map.of());
        assertThat(exporter.scrape().value("kong_exporter_last_log_received_timestamp_seconds")).contains(0.0);

        assertThat(exporter.post("/logs", "not json".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(exporter.scrape().value("kong_exporter_last_log_received_timestamp_seconds"))
                .as("a refused body is no entry received").contains(0.0);

        double before = Instant.now().toEpochMilli() / 1000.0;
        assertThat(exporter.post("/logs", Fixtures.httpLog("batch-3.9-five-entries.wire.json")).statusCode()).isEqualTo(200);
        double after = Instant.now().toEpochMilli() / 1000.0;
        assertThat(exporter.scrape().value("kong_exporter_last_log_received_timestamp_seconds").orElseThrow())
                .isBetween(before - 0.001, after + 0.001);
    }

    @Test
    void landing_page_shows_the_last_entry_its_age_the_entry_rate_and_refused_bodies_by_code() {
        exporter = RunningExporter.start(Map.of(), "--ingest.max_body=4KiB");
        String empty = exporter.get("/").body();
        assertThat(empty).contains("<h2>Log ingest (/logs)</h2>")
                .contains("<tr><th>Last entry received</th><td>no entry received yet</td></tr>")
                .contains("<tr><th>Bodies refused, by HTTP status</th><td>none</td></tr>");

        assertThat(exporter.post("/logs", Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json")).statusCode()).isEqualTo(200);
        assertThat(exporter.post("/logs", "[{".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(exporter.post("/logs", Fixtures.httpLog("batch-3.9-five-entries.wire.json")).statusCode()).isEqualTo(413);
        assertThat(exporter.post("/logs", "{}".repeat(3000).getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(413);

        String page = exporter.get("/").body();
        assertThat(page).containsPattern("<tr><th>Last entry received</th><td>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(\\d+\\.\\ds ago\\)</td></tr>")
                .contains("<tr><th>Entries/s (last minute)</th><td>0.02</td></tr>")
                .contains("<tr><th>Entries accepted since start</th><td>1</td></tr>")
                .contains("<tr><th>Bodies refused, by HTTP status</th><td>400: 1, 413: 2</td></tr>");
    }
}
