package io.kongexporter.ingest;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The log receiver's own metrics: entries by result, requests by answer code, body bytes, when the last entry was
 * accepted; and the same as an {@link IngestStatus} for the landing page.
 */
public final class IngestStats {
    private final Clock clock;
    private final AtomicLong lastAcceptedMillis = new AtomicLong();
    private final MinuteRate acceptedRate = new MinuteRate();
    private final CounterDataPoint accepted;
    private final CounterDataPoint invalid;
    private final CounterDataPoint duplicate;
    private final PrometheusRegistry registry;
    private final Counter requests;
    private final CounterDataPoint bodyBytes;

    public IngestStats(PrometheusRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
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
        GaugeWithCallback.builder().name("kong_exporter_last_log_received_timestamp_seconds")
                .help("Unix time in seconds when the last http-log entry was accepted; 0 before any since the exporter started.")
                .callback(cb -> cb.call(lastAcceptedMillis.get() / 1000.0)).register(registry);
    }

    void entries(int acceptedCount, int invalidCount, int duplicateCount) {
        if (acceptedCount > 0) {
            long now = clock.millis();
            lastAcceptedMillis.set(now);
            acceptedRate.add(Math.floorDiv(now, 1000), acceptedCount);
        }
        accepted.inc(acceptedCount);
        invalid.inc(invalidCount);
        duplicate.inc(duplicateCount);
    }

    /** The de-duplication window's size and overflow, read at scrape time. */
    void dedupe(LongSupplier ids, LongSupplier full) {
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

    /** What the landing page shows: the last accepted entry, entries/s over the last minute, bodies refused by code. */
    IngestStatus status() {
        long last = lastAcceptedMillis.get();
        Map<Integer, Long> refused = new TreeMap<>();
        for (CounterSnapshot.CounterDataPointSnapshot point : requests.collect().getDataPoints()) {
            int code = Integer.parseInt(point.getLabels().get("code"));
            if (code >= 400 && point.getValue() > 0) {
                refused.put(code, (long) point.getValue());
            }
        }
        return new IngestStatus(last == 0 ? null : Instant.ofEpochMilli(last), acceptedTotal(),
                acceptedRate.perSecond(Math.floorDiv(clock.millis(), 1000)), refused);
    }

    /**
     * @param lastAccepted when the last entry was accepted, null before any
     * @param refusedByCode bodies refused whole (4xx, 5xx answers) by HTTP status, only codes answered at least once
     */
    record IngestStatus(Instant lastAccepted, long acceptedTotal, double acceptedPerSecond, Map<Integer, Long> refusedByCode) {}

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
