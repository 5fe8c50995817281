package io.kongexporter.ingest;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The log receiver's own metrics: entries by result, requests by answer code, body bytes. */
public final class IngestStats {
    private final CounterDataPoint accepted;
    private final CounterDataPoint invalid;
    private final CounterDataPoint dropped;
    private final Counter requests;
    private final CounterDataPoint bodyBytes;

    public IngestStats(PrometheusRegistry registry) {
        Counter entries = Counter.builder().name("kong_exporter_log_entries_total")
                .help("http-log entries received, by result: accepted (counted), invalid (wrong types, skipped), dropped (refused while overloaded or shutting down).")
                .labelNames("result").withoutExemplars().register(registry);
        accepted = entries.labelValues("accepted");
        invalid = entries.labelValues("invalid");
        dropped = entries.labelValues("dropped");
        requests = Counter.builder().name("kong_exporter_log_requests_total")
                .help("Requests to the log endpoint, by the HTTP status answered.")
                .labelNames("code").withoutExemplars().register(registry);
        for (String code : new String[] {"200", "400", "401", "413", "503"}) {
            requests.initLabelValues(code);
        }
        bodyBytes = Counter.builder().name("kong_exporter_log_body_bytes_total")
                .help("Bytes of log request bodies read.").withoutExemplars().register(registry).labelValues();
    }

    void entries(int acceptedCount, int invalidCount) {
        accepted.inc(acceptedCount);
        invalid.inc(invalidCount);
    }

    void dropped(int count) {
        dropped.inc(count);
    }

    void answered(int status) {
        requests.labelValues(Integer.toString(status)).inc();
    }

    void bodyBytes(long bytes) {
        bodyBytes.inc(bytes);
    }
}
