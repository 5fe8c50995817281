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
 * latest status document of every node and the alerts firing, so a new subscriber gets a full snapshot and then
 * only JSON Patches and changes. Publishing and connecting take the same lock, so a snapshot and the events after
 * it never overlap.
 */
public final class LiveHub {
    /** Rendered data the replay buffer keeps at most, besides its count. */
    static final long REPLAY_BYTES = 8L << 20;
    /** Firing alerts kept for snapshots and {@code /api/alerts}: at most this many, and {@link #FIRING_BYTES}. */
    public static final int MAX_FIRING = 10_000;
    static final long FIRING_BYTES = 8L << 20;

    private final EventBuffer buffer;
    private final FiringAlerts firing = new FiringAlerts(MAX_FIRING, FIRING_BYTES);
    private final SubscriberSlots slots;
    private final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, JsonNode> statusDocs = new LinkedHashMap<>();
    private final Map<String, Integer> serviceSubscribers = new ConcurrentHashMap<>();
    private LiveEvent.Cluster cluster;

    /**
     * Subscribers take their slot from {@code slots}, which other hubs may share (one cap for all streams). Event ids
     * start after the start time in milliseconds times 1000, so they never repeat across restarts.
     */
    public LiveHub(SubscriberSlots slots, int replayCapacity) {
        this(slots, replayCapacity, REPLAY_BYTES, System.currentTimeMillis() * 1000);
    }

    LiveHub(SubscriberSlots slots, int replayCapacity, long replayBytes, long firstIdBase) {
        this.slots = slots;
        this.buffer = new EventBuffer(replayCapacity, replayBytes, firstIdBase);
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

    /**
     * Publishes an alert; a firing one is kept for snapshots until it resolves. Returns false when a firing alert
     * could not be kept (the firing list is full); it is published all the same.
     */
    public synchronized boolean publishAlert(LiveEvent.Alert alert) {
        boolean kept = firing.update(alert);
        publish(alert);
        return kept;
    }

    /** The alerts firing now, oldest first. */
    public synchronized List<LiveEvent.Alert> firingAlerts() {
        return firing.alerts();
    }

    /** Bytes of rendered data the replay buffer holds. */
    public long replayBytes() {
        return buffer.bytes();
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
     * with a fresh snapshot: every node's status document, the cluster counts, then every firing alert. Returns
     * false at the limit.
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
            first.addAll(snapshot(client.filter()));
        }
        client.prime(first);
        clients.add(client);
        client.filter().service().ifPresent(service -> serviceSubscribers.merge(service, 1, Integer::sum));
        return true;
    }

    /**
     * The current state as events, after a {@link LiveEvent.Snapshot} marker. The last carries the buffer's latest id
     * (resuming from it replays what came after the snapshot); each one before it has its own id
     * {@code <that id>.<index>} (the marker {@code .0}), which is no buffer id, so resuming from the middle of a
     * snapshot gets a whole fresh one.
     */
    private List<NumberedEvent> snapshot(LiveFilter filter) {
        List<LiveEvent> state = new ArrayList<>();
        statusDocs.forEach((node, doc) -> state.add(new LiveEvent.Status(node, doc)));
        if (cluster != null) {
            state.add(cluster);
        }
        state.addAll(firing.alerts());
        long position = buffer.lastId();
        List<LiveEvent> wanted = new ArrayList<>();
        wanted.add(new LiveEvent.Snapshot(Long.toString(position), filter.topics()));
        state.stream().filter(filter::accepts).forEach(wanted::add);
        List<NumberedEvent> events = new ArrayList<>(wanted.size());
        for (int i = 0; i < wanted.size(); i++) {
            NumberedEvent event = NumberedEvent.of(position, wanted.get(i));
            events.add(i == wanted.size() - 1 ? event : event.withId(position + "." + i));
        }
        return events;
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
