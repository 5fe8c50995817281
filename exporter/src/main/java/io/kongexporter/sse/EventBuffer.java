package io.kongexporter.sse;

import java.util.ArrayList;
import java.util.List;

/**
 * The latest events, for {@code Last-Event-ID} replay: at most {@code capacity} events and {@code maxBytes} bytes of
 * rendered data (the oldest go first), so memory is bounded whatever the rate and the size of events. Ids start
 * after {@code firstId}, which a run takes from its start time: ids never repeat across restarts, and an id from
 * another run is unknown here.
 */
final class EventBuffer {
    private final NumberedEvent[] ring;
    private final long maxBytes;
    private final long base;
    private long next;
    private long oldest;
    private long bytes;

    EventBuffer(int capacity, long maxBytes, long base) {
        this.ring = new NumberedEvent[capacity];
        this.maxBytes = maxBytes;
        this.base = base;
        this.next = base + 1;
        this.oldest = next;
    }

    /** Assigns the next id, renders the event and stores it, evicting the oldest past either bound. */
    synchronized NumberedEvent append(LiveEvent event) {
        long id = next++;
        NumberedEvent numbered = NumberedEvent.of(id, event);
        if (next - oldest > ring.length) {
            evictOldest();
        }
        ring[slot(id)] = numbered;
        bytes += numbered.bytes();
        while (bytes > maxBytes && oldest < id) {
            evictOldest();
        }
        return numbered;
    }

    private void evictOldest() {
        int slot = slot(oldest++);
        bytes -= ring[slot].bytes();
        ring[slot] = null;
    }

    private int slot(long id) {
        return (int) Math.floorMod(id, (long) ring.length);
    }

    /**
     * Events after {@code lastId}, oldest first, or null when {@code lastId} is older than the buffer holds (the
     * client then needs a fresh snapshot), from another run, or unknown.
     */
    synchronized List<NumberedEvent> after(long lastId) {
        if (lastId < base || lastId >= next || lastId + 1 < oldest) {
            return null;
        }
        List<NumberedEvent> events = new ArrayList<>((int) (next - lastId - 1));
        for (long id = lastId + 1; id < next; id++) {
            events.add(ring[slot(id)]);
        }
        return events;
    }

    /** The id of the latest event; this run's first id minus one before any. */
    synchronized long lastId() {
        return next - 1;
    }

    /** Bytes of rendered data kept. */
    synchronized long bytes() {
        return bytes;
    }
}
