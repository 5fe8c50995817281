package io.kongexporter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.kongexporter.web.MetricsEndpoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * In {@code commit: scraped} mode the consumer thread records nothing from the moment it commits for a scrape until
 * that scrape "has answered" ({@link ScrapeCommits}). What must hold it is only the scrape's collection (the snapshot
 * whose entries were committed), never the sending of the body: {@code /metrics} answers anyone, and a client that
 * asks for it and reads nothing (a few MB of traffic series do not fit the socket buffers) would otherwise stop
 * Kafka consumption for the whole {@link ScrapeCommits#WAIT} on every such request, one after the other.
 */
class ScrapeCommitsSlowReaderTest {
    private Javalin server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void a_scrape_whose_client_reads_nothing_holds_the_consumer_only_while_it_collects() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter counter = Counter.builder().name("traffic_like_total").help("many series").labelNames("service", "route").register(registry);
        for (int i = 0; i < 60_000; i++) { // ~6 MB of text: more than Jetty's and the kernel's buffers hold
            counter.labelValues("service-" + i + "-" + "s".repeat(20), "route-" + i + "-" + "r".repeat(20)).inc();
        }
        ScrapeCommits scrapes = new ScrapeCommits(() -> {});
        scrapes.serving(true);
        MetricsEndpoint metrics = new MetricsEndpoint(registry, scrapes);
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/metrics", metrics);
        }).start("127.0.0.1", 0);

        try (Socket reader = new Socket()) {
            reader.setReceiveBufferSize(1024);
            reader.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            OutputStream out = reader.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: exporter\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The consumer thread's side (ConsumerLoop.serveScrapes): take the scrape, commit, wait for its answer.
            List<ScrapeCommits.Request> taken = List.of();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (taken.isEmpty() && System.nanoTime() < until) {
                taken = scrapes.take();
                Thread.sleep(5);
            }
            assertThat(taken).as("the scrape asked for its commit").hasSize(1);
            taken.get(0).done(true);
            long started = System.nanoTime();
            taken.get(0).awaitAnswered();
            long heldMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(heldMillis).as("ms the consumer was held by a scrape whose client reads nothing (the wait gives up at %d)",
                    ScrapeCommits.WAIT.toMillis()).isLessThan(ScrapeCommits.WAIT.toMillis() - 500);
        }
    }
}
