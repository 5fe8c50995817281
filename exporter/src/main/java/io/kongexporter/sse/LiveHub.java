package io.kongexporter.sse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SSE bridge's center: it numbers events, keeps the latest ones for replay, and offers each to every matching
 * subscriber without ever blocking (a subscriber whose queue is full is dropped and counted). It also keeps the
 * latest status document of every node, so a new subscriber gets a full snapshot and then only JSON Patches.
 * Publishing and connecting take the same lock, so a snapshot and the patches after it never overlap.
 */
public final class LiveHub {
    private final EventBuffer buffer;
    private final SubscriberSlots slots;
    private final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, JsonNode> statusDocs = new LinkedHashMap<>();
    private final Map<String, Integer> serviceSubscribers = new ConcurrentHashMap<>();
    private LiveEvent.Cluster cluster;

    /** Subscribers take their slot from {@code slots}, which other hubs may share (one cap for all streams). */
    public LiveHub(SubscriberSlots slots, int replayCapacity) {
        this.slots = slots;
        this.buffer = new EventBuffer(replayCapacity);
    }

    /** Publishes an event to every subscriber that wants it. */
    public synchronized void publish(LiveEvent event) {
        NumberedEvent numbered = buffer.append(event);
        for (LiveClient client : clients) {
            if (!client.offer(numbered)) {
                drop(client);
            }
        }
    }

    /** A node's latest status document: the first one is published whole, later ones as a patch of what changed. */
    public synchronized void publishStatus(String node, JsonNode doc) {
        JsonNode previous = statusDocs.put(node, doc);
        if (previous == null) {
            publish(new LiveEvent.Status(node, doc));
            return;
        }
        var patch = JsonPatch.diff(previous, doc);
        if (!patch.isEmpty()) {
            publish(new LiveEvent.StatusPatch(node, patch));
        }
    }

    /** Cluster counts, published when they change. */
    public synchronized void publishCluster(int live, int known) {
        LiveEvent.Cluster counts = new LiveEvent.Cluster(live, known);
        if (!counts.equals(cluster)) {
            cluster = counts;
            publish(counts);
        }
    }

    /** Forgets a node that left the configuration. */
    public synchronized void removeStatus(String node) {
        statusDocs.remove(node);
    }

    private void drop(LiveClient client) {
        if (clients.remove(client)) {
            slots.dropped();
            client.close();
        }
    }

    /**
     * Registers a subscriber, primed with the events after {@code lastEventId} when the buffer still has them, else
     * with a fresh snapshot (every node's status document and the cluster counts). Returns false at the limit.
     */
    public synchronized boolean connect(LiveClient client, Optional<Long> lastEventId) {
        if (!slots.take()) {
            return false;
        }
        List<NumberedEvent> replay = lastEventId.map(buffer::after).orElse(null);
        List<NumberedEvent> first = new ArrayList<>();
        if (replay != null) {
            replay.stream().filter(e -> client.filter().accepts(e.event())).forEach(first::add);
        } else {
            long id = buffer.lastId();
            List<LiveEvent> snapshot = new ArrayList<>();
            statusDocs.forEach((node, doc) -> snapshot.add(new LiveEvent.Status(node, doc)));
            if (cluster != null) {
                snapshot.add(cluster);
            }
            snapshot.stream().filter(client.filter()::accepts).forEach(e -> first.add(NumberedEvent.of(id, e)));
        }
        client.prime(first);
        clients.add(client);
        client.filter().service().ifPresent(service -> serviceSubscribers.merge(service, 1, Integer::sum));
        return true;
    }

    public void disconnect(LiveClient client) {
        clients.remove(client);
        slots.give();
        client.filter().service().ifPresent(service -> serviceSubscribers.computeIfPresent(service, (s, n) -> n <= 1 ? null : n - 1));
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

    /** Subscribers of this hub. */
    public int clients() {
        return clients.size();
    }

}
