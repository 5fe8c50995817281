package io.kongexporter.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeConfig node;
    private final String path;
    private final KongClient client;
    private final Duration timeout;
    final LiveHub hub;
    private ScheduledFuture<?> polling;

    AdminStream(NodeConfig node, String path, KongClient client, Duration timeout, int maxClients) {
        this.node = node;
        this.path = path;
        this.client = client;
        this.timeout = timeout;
        this.hub = new LiveHub(maxClients, 64);
    }

    synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
        if (polling == null) {
            polling = scheduler.scheduleAtFixedRate(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
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
                doc = JSON.createObjectNode().put("error", "poll failed: " + error.getClass().getSimpleName());
            } else if (response.status() != 200) {
                doc = JSON.createObjectNode().put("error", "HTTP " + response.status());
            } else {
                try {
                    doc = JSON.readTree(response.body());
                } catch (IOException e) {
                    doc = JSON.createObjectNode().put("error", "body is not JSON");
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
