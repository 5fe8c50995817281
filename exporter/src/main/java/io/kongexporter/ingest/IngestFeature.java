package io.kongexporter.ingest;

import io.javalin.http.HandlerType;
import io.kongexporter.config.ConfigKey;
import io.kongexporter.core.Component;
import io.kongexporter.core.ConfigChange;
import io.kongexporter.core.Route;
import io.kongexporter.core.RunningConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log receiver as a feature: Kong's http-log posts to {@code ingest.path}; accepted entries go to the sinks
 * (traffic metrics, the live view). Credentials, body limit and de-duplication apply live; the path and the extra
 * labels need a restart.
 */
public final class IngestFeature implements Component {
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(IngestFeature.class);

    private final String path;
    private final RunningConfig config;
    private final List<EntrySink> sinks;
    private LogIngestEndpoint endpoint;
    private IngestStats stats;
    private EntryPipeline pipeline;

    public IngestFeature(RunningConfig config, List<EntrySink> sinks) {
        this.config = config;
        this.path = config.get().ingest().path();
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void register(PrometheusRegistry registry) {
        stats = new IngestStats(registry, Clock.systemUTC());
        pipeline = new EntryPipeline(config.get().ingest(), sinks, stats);
        endpoint = new LogIngestEndpoint(config.get().ingest(), pipeline, stats);
    }

    /**
     * Where the other transports (tcp-log, udp-log, syslog, Kafka) hand their deliveries: the same parser, the same
     * de-duplication window and the same sinks as the http-log endpoint. Call after registration.
     */
    public EntryPipeline pipeline() {
        return pipeline;
    }

    /** The landing page's ingest status: last entry and its age, entries/s, refused bodies. Call after registration. */
    public IngestStatusSection statusSection() {
        return new IngestStatusSection(stats, path, Clock.systemUTC());
    }

    /** The log endpoint's path, fixed at start: it is open to Kong without the web config's basic auth. */
    public String path() {
        return path;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(HandlerType.POST, path, endpoint), new Route(HandlerType.PUT, path, endpoint),
                new Route(HandlerType.PATCH, path, endpoint));
    }

    @Override
    public Set<ConfigKey> apply(ConfigChange change) {
        endpoint.apply(change.next().ingest());
        pipeline.apply(change.next().ingest());
        return change.changedOf(ConfigKey.INGEST_PATH, ConfigKey.INGEST_EXTRA_LABELS);
    }

    /**
     * Graceful shutdown: new bodies get 503 (Kong keeps and re-sends them), bodies being read finish (for at most
     * {@link #DRAIN_TIMEOUT}); logs the entries accepted over the receiver's life, so nothing accepted goes
     * unaccounted.
     */
    @Override
    public void quiesce() {
        try {
            long accepted = endpoint.drain(DRAIN_TIMEOUT);
            LOG.info("shutting down: log receiver drained; {} entries accepted in total", accepted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
