package io.kongexporter.sse;

import java.util.ArrayList;
import java.util.List;

/** The latest events in a fixed ring, for {@code Last-Event-ID} replay. Bounded memory whatever the rate. */
final class EventBuffer {
    private final NumberedEvent[] ring;
    private long next = 1;

    EventBuffer(int capacity) {
        this.ring = new NumberedEvent[capacity];
    }

    /** Assigns the next id, renders the event and stores it. */
    synchronized NumberedEvent append(LiveEvent event) {
        NumberedEvent numbered = NumberedEvent.of(next++, event);
        ring[(int) (numbered.id() % ring.length)] = numbered;
        return numbered;
    }

    /**
     * Events after {@code lastId}, oldest first, or null when {@code lastId} is older than the buffer holds (the
     * client then needs a fresh snapshot) or unknown.
     */
    synchronized List<NumberedEvent> after(long lastId) {
        if (lastId >= next || lastId < 0) {
            return null;
        }
        long oldest = Math.max(1, next - ring.length);
        if (lastId + 1 < oldest) {
            return null;
        }
        List<NumberedEvent> events = new ArrayList<>((int) (next - lastId - 1));
        for (long id = lastId + 1; id < next; id++) {
            events.add(ring[(int) (id % ring.length)]);
        }
        return events;
    }

    synchronized long lastId() {
        return next - 1;
    }
}
