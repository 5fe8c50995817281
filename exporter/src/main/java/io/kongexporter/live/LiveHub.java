package io.kongexporter.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SSE bridge's center: it numbers events, keeps the latest ones for replay, and offers each to every matching
 * subscriber without ever blocking (a subscriber whose queue is full is dropped and counted). It also keeps the
 * latest status document of every node, so a new subscriber gets a full snapshot and then only JSON Patches.
 * Publishing and connecting take the same lock, so a snapshot and the patches after it never overlap.
 */
public final class LiveHub {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBuffer buffer;
    private final int maxClients;
    private final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, JsonNode> statusDocs = new LinkedHashMap<>();
    private final Map<String, Integer> serviceSubscribers = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private String cluster;

    public LiveHub(int maxClients, int replayCapacity) {
        this.maxClients = maxClients;
        this.buffer = new EventBuffer(replayCapacity);
    }

    /** Publishes an event to every subscriber that wants it. */
    public synchronized void publish(String topic, String name, String data, String node, String service) {
        offerToAll(buffer.append(topic, name, data, node, service));
    }

    /** A node's latest status document: the first one is published whole, later ones as a patch of what changed. */
    public synchronized void publishStatus(String node, JsonNode doc) {
        JsonNode previous = statusDocs.put(node, doc);
        ObjectNode payload = JSON.createObjectNode().put("node", node);
        if (previous == null) {
            payload.set("doc", doc);
            publish("status", "status", payload.toString(), node, null);
            return;
        }
        var patch = JsonPatch.diff(previous, doc);
        if (!patch.isEmpty()) {
            payload.set("patch", patch);
            publish("status", "status-patch", payload.toString(), node, null);
        }
    }

    /** Cluster counts, published when they change. */
    public synchronized void publishCluster(int live, int known) {
        String data = "{\"live\":" + live + ",\"known\":" + known + "}";
        if (!data.equals(cluster)) {
            cluster = data;
            publish("cluster", "cluster", data, null, null);
        }
    }

    /** Forgets a node that left the configuration. */
    public synchronized void removeStatus(String node) {
        statusDocs.remove(node);
    }

    private void offerToAll(LiveEvent event) {
        for (LiveClient client : clients) {
            if (!client.offer(event)) {
                drop(client);
            }
        }
    }

    private void drop(LiveClient client) {
        if (clients.remove(client)) {
            dropped.incrementAndGet();
            client.close();
        }
    }

    /**
     * Registers a subscriber, primed with the events after {@code lastEventId} when the buffer still has them, else
     * with a fresh snapshot (every node's status document and the cluster counts). Returns false at the limit.
     */
    synchronized boolean connect(LiveClient client, Long lastEventId) {
        if (connected.get() >= maxClients) {
            return false;
        }
        List<LiveEvent> replay = lastEventId == null ? null : buffer.after(lastEventId);
        List<LiveEvent> first = new ArrayList<>();
        if (replay != null) {
            for (LiveEvent event : replay) {
                if (client.filter().accepts(event)) {
                    first.add(event);
                }
            }
        } else {
            long id = buffer.lastId();
            for (Map.Entry<String, JsonNode> doc : statusDocs.entrySet()) {
                ObjectNode payload = JSON.createObjectNode().put("node", doc.getKey());
                payload.set("doc", doc.getValue());
                LiveEvent snapshot = new LiveEvent(id, "status", "status", payload.toString(), doc.getKey(), null);
                if (client.filter().accepts(snapshot)) {
                    first.add(snapshot);
                }
            }
            if (cluster != null && client.filter().topics().contains("cluster")) {
                first.add(new LiveEvent(id, "cluster", "cluster", cluster, null, null));
            }
        }
        client.prime(first);
        clients.add(client);
        connected.incrementAndGet();
        if (client.filter().service() != null) {
            serviceSubscribers.merge(client.filter().service(), 1, Integer::sum);
        }
        return true;
    }

    void disconnect(LiveClient client) {
        clients.remove(client);
        connected.decrementAndGet();
        if (client.filter().service() != null) {
            serviceSubscribers.computeIfPresent(client.filter().service(), (s, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Ends every subscription (before the web server stops, so each response completes cleanly). */
    public void closeAll() {
        for (LiveClient client : clients) {
            clients.remove(client);
            client.close();
        }
    }

    /** Services some subscriber filters on; per-service traffic is only computed for these. */
    public Set<String> watchedServices() {
        return serviceSubscribers.keySet();
    }

    public int clients() {
        return connected.get();
    }

    public long droppedClients() {
        return dropped.get();
    }

}
