package io.kongexporter.alerts;

import io.kongexporter.metrics.MetricFamily;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** {@code kong_exporter_alerts_truncated_total{reason}}: what the webhook cut to keep memory bounded. */
final class AlertTruncations implements MultiCollector {
    private final Map<Truncation, LongAdder> counts = new EnumMap<>(Truncation.class);

    AlertTruncations() {
        for (Truncation reason : Truncation.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    void count(Truncation reason, long n) {
        counts.get(reason).add(n);
    }

    @Override
    public MetricSnapshots collect() {
        MetricFamily family = MetricFamily.counter("kong_exporter_alerts_truncated_total",
                "Parts of Alertmanager webhooks cut to fit the limits, by reason: long_value (a name or value shortened), "
                        + "alert_too_large (an alert's further labels and annotations dropped), post_too_large (alerts of a post not "
                        + "processed), firing_list_full (a firing alert not kept in the firing list).");
        counts.forEach((reason, n) -> family.add(n.sum(), "reason", reason.label()));
        return MetricFamily.snapshots(List.of(family));
    }
}
