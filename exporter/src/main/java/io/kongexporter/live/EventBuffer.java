package io.kongexporter.live;

import java.util.ArrayList;
import java.util.List;

/** The latest events in a fixed ring, for {@code Last-Event-ID} replay. Bounded memory whatever the rate. */
final class EventBuffer {
    private final LiveEvent[] ring;
    private long next = 1;

    EventBuffer(int capacity) {
        this.ring = new LiveEvent[capacity];
    }

    /** Assigns the next id and stores the event. */
    synchronized LiveEvent append(String topic, String name, String data, String node, String service) {
        LiveEvent event = new LiveEvent(next++, topic, name, data, node, service);
        ring[(int) (event.id() % ring.length)] = event;
        return event;
    }

    /**
     * Events after {@code lastId}, oldest first, or null when {@code lastId} is older than the buffer holds (the
     * client then needs a fresh snapshot) or unknown.
     */
    synchronized List<LiveEvent> after(long lastId) {
        if (lastId >= next || lastId < 0) {
            return null;
        }
        long oldest = Math.max(1, next - ring.length);
        if (lastId + 1 < oldest) {
            return null;
        }
        List<LiveEvent> events = new ArrayList<>((int) (next - lastId - 1));
        for (long id = lastId + 1; id < next; id++) {
            events.add(ring[(int) (id % ring.length)]);
        }
        return events;
    }

    synchronized long lastId() {
        return next - 1;
    }
}
