package io.kongexporter.ingest;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.LongSupplier;

/** The log receiver's own metrics: entries by result, requests by answer code, body bytes. */
public final class IngestStats {
    private final CounterDataPoint accepted;
    private final CounterDataPoint invalid;
    private final CounterDataPoint duplicate;
    private final PrometheusRegistry registry;
    private final Counter requests;
    private final CounterDataPoint bodyBytes;

    public IngestStats(PrometheusRegistry registry) {
        this.registry = registry;
        Counter entries = Counter.builder().name("kong_exporter_log_entries_total")
                .help("http-log entries received, by result: accepted (counted), invalid (wrong types, skipped), duplicate (re-sent by Kong, counted before). Bodies refused whole (401, 413, 503) are counted by kong_exporter_log_requests_total.")
                .labelNames("result").withoutExemplars().register(registry);
        accepted = entries.labelValues("accepted");
        invalid = entries.labelValues("invalid");
        duplicate = entries.labelValues("duplicate");
        requests = Counter.builder().name("kong_exporter_log_requests_total")
                .help("Requests to the log endpoint, by the HTTP status answered; aborted: the client closed the connection before the whole body arrived.")
                .labelNames("code").withoutExemplars().register(registry);
        for (String code : new String[] {"200", "400", "401", "408", "413", "503", "aborted"}) {
            requests.initLabelValues(code);
        }
        bodyBytes = Counter.builder().name("kong_exporter_log_body_bytes_total")
                .help("Bytes of log request bodies read.").withoutExemplars().register(registry).labelValues();
    }

    void entries(int acceptedCount, int invalidCount, int duplicateCount) {
        accepted.inc(acceptedCount);
        invalid.inc(invalidCount);
        duplicate.inc(duplicateCount);
    }

    /** The de-duplication window's size and overflow, read at scrape time. */
    void dedupe(LongSupplier ids, java.util.function.LongSupplier full) {
        GaugeWithCallback.builder().name("kong_exporter_dedupe_ids")
                .help("Request ids remembered to count re-sent entries once (bounded by ingest.dedupe_max_ids).")
                .callback(cb -> cb.call(ids.getAsLong())).register(registry);
        CounterWithCallback.builder().name("kong_exporter_dedupe_unremembered_total")
                .help("Request ids forgotten before the end of the de-duplication window because ingest.dedupe_max_ids newer ones arrived; a re-send of those would be counted again.")
                .callback(cb -> cb.call(full.getAsLong())).register(registry);
    }

    /** Entries accepted over the receiver's life. */
    long acceptedTotal() {
        return accepted.getLongValue();
    }

    void answered(int status) {
        requests.labelValues(Integer.toString(status)).inc();
    }

    /** A request whose client closed the connection before the whole body arrived. */
    void aborted() {
        requests.labelValues("aborted").inc();
    }

    void bodyBytes(long bytes) {
        bodyBytes.inc(bytes);
    }
}
