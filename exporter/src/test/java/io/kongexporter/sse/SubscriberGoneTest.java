package io.kongexporter.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A subscriber that goes away without a word (a closed laptop lid ends in a reset; a closed tab in a FIN) while its
 * topics are quiet: {@code kong_exporter_sse_clients} no longer counts it a few seconds later, with the production
 * heartbeat, not after two heartbeats (about 30 s) as before.
 */
@Timeout(40)
class SubscriberGoneTest {

    @Test
    void a_subscriber_that_closes_its_connection_on_a_quiet_stream_is_no_longer_counted_within_five_seconds() throws Exception {
        try (RunningExporter exporter = RunningExporter.start(Map.of(), 15_000)) {
            Socket socket = new Socket("127.0.0.1", exporter.app().port());
            socket.getOutputStream().write("GET /events?topics=alerts HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[512];
            assertThat(in.read(head)).as("the stream answered").isPositive();
            assertThat(exporter.scrape().value("kong_exporter_sse_clients")).contains(1.0);

            socket.close();
            long gone = System.nanoTime();
            Scrape scrape = exporter.awaitScrape(Duration.ofSeconds(20), s -> s.value("kong_exporter_sse_clients").orElse(1.0) == 0.0);
            double seconds = (System.nanoTime() - gone) / 1e9;
            assertThat(scrape.value("kong_exporter_sse_clients")).as("counted %.1f s after it left", seconds).contains(0.0);
            assertThat(seconds).as("seconds until it is no longer counted").isLessThan(5);
        }
    }
}
