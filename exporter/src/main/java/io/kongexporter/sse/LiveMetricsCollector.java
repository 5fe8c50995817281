package io.kongexporter.sse;

import io.kongexporter.metrics.MetricFamily;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/** {@code kong_exporter_sse_clients}, {@code kong_exporter_sse_dropped_clients_total} and {@code kong_exporter_live_replay_bytes}. */
public final class LiveMetricsCollector implements MultiCollector {
    private final SubscriberSlots slots;
    private final LiveHub hub;

    public LiveMetricsCollector(SubscriberSlots slots, LiveHub hub) {
        this.slots = slots;
        this.hub = hub;
    }

    @Override
    public MetricSnapshots collect() {
        return MetricFamily.snapshots(List.of(
                MetricFamily.gauge("kong_exporter_sse_clients", "Subscribers connected to /events and /stream.").add(slots.taken()),
                MetricFamily.counter("kong_exporter_sse_dropped_clients_total",
                        "Subscribers disconnected because they could not keep up (their queue was full).").add(slots.droppedTotal()),
                MetricFamily.gauge("kong_exporter_live_replay_bytes",
                        "Bytes of rendered event data /events keeps for Last-Event-ID replay (at most 8 MiB).").add(hub.replayBytes())));
    }
}
