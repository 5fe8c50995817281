package io.kongexporter.sse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts firing now, by fingerprint, for snapshots and {@code GET /api/alerts}: at most {@code maxAlerts} of
 * them and {@code maxBytes} of rendered JSON, kept as text (a parsed tree would take several times the heap).
 * Not thread-safe: the hub calls it under its lock.
 */
final class FiringAlerts {
    private final int maxAlerts;
    private final long maxBytes;
    private final Map<String, Kept> firing = new LinkedHashMap<>();
    private long bytes;

    private record Kept(LiveEvent.Alert alert, long bytes) {}

    FiringAlerts(int maxAlerts, long maxBytes) {
        this.maxAlerts = maxAlerts;
        this.maxBytes = maxBytes;
    }

    /**
     * A resolved alert leaves; a firing one is kept (replacing its previous version) when it fits. Returns false
     * when a firing alert did not fit (it is then not kept at all, not even its previous version).
     */
    boolean update(LiveEvent.Alert alert) {
        Kept previous = firing.remove(alert.fingerprint());
        if (previous != null) {
            bytes -= previous.bytes();
        }
        if (!alert.firing()) {
            return true;
        }
        long size = NumberedEvent.utf8Length(alert.json());
        if (firing.size() >= maxAlerts || bytes + size > maxBytes) {
            return false;
        }
        firing.put(alert.fingerprint(), new Kept(alert, size));
        bytes += size;
        return true;
    }

    List<LiveEvent.Alert> alerts() {
        List<LiveEvent.Alert> alerts = new ArrayList<>(firing.size());
        firing.values().forEach(kept -> alerts.add(kept.alert()));
        return alerts;
    }

    int size() {
        return firing.size();
    }

    long bytes() {
        return bytes;
    }
}
