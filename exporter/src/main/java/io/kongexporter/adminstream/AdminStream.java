package io.kongexporter.adminstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.kongexporter.core.Json;
import io.kongexporter.sse.LiveHub;
import io.kongexporter.sse.SubscriberSlots;
import io.kongexporter.config.NodeConfig;
import io.kongexporter.status.KongClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed Admin API path of one node: polled every poll interval while someone listens, published through
 * its own small hub as a snapshot ({@code status}) then {@code status-patch} events. All subscribers of the same
 * node and path share it.
 */
final class AdminStream {
    private static final Logger LOG = LoggerFactory.getLogger(AdminStream.class);

    private final NodeConfig node;
    private final String path;
    private final KongClient client;
    private final Duration timeout;
    final LiveHub hub;
    private ScheduledFuture<?> polling;
    private int subscribers;

    AdminStream(NodeConfig node, String path, KongClient client, Duration timeout, SubscriberSlots slots) {
        this.node = node;
        this.path = path;
        this.client = client;
        this.timeout = timeout;
        this.hub = new LiveHub(slots, 64);
    }

    synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
        if (polling == null) {
            polling = scheduler.scheduleAtFixedRate(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A subscriber joined (before it connects to the hub, so the poller cannot end under it). */
    synchronized void joined() {
        subscribers++;
    }

    /** A subscriber left; returns how many remain. */
    synchronized int left() {
        return --subscribers;
    }

    synchronized void stop() {
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
    }

    private void poll() {
        client.get(node, path, timeout).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, error) -> {
            JsonNode doc;
            if (error != null) {
                doc = Json.object().put("error", "poll failed: " + error.getClass().getSimpleName());
            } else if (response.status() != 200) {
                doc = Json.object().put("error", "HTTP " + response.status());
            } else {
                try {
                    doc = Json.MAPPER.readTree(response.body());
                } catch (IOException e) {
                    doc = Json.object().put("error", "body is not JSON");
                }
            }
            try {
                hub.publishStatus(node.name(), doc);
            } catch (RuntimeException e) {
                LOG.debug("stream {} {}: {}", node.name(), path, e.toString());
            }
        });
    }
}
