package io.kongexporter.sse;

import io.kongexporter.metrics.MetricFamily;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/** {@code kong_exporter_sse_clients} and {@code kong_exporter_sse_dropped_clients_total}. */
public final class LiveMetricsCollector implements MultiCollector {
    private final SubscriberSlots slots;

    public LiveMetricsCollector(SubscriberSlots slots) {
        this.slots = slots;
    }

    @Override
    public MetricSnapshots collect() {
        return MetricFamily.snapshots(List.of(
                MetricFamily.gauge("kong_exporter_sse_clients", "Subscribers connected to /events and /stream.").add(slots.taken()),
                MetricFamily.counter("kong_exporter_sse_dropped_clients_total",
                        "Subscribers disconnected because they could not keep up (their queue was full).").add(slots.droppedTotal())));
    }
}
