package io.kongexporter.ingest;

import io.kongexporter.config.IngestConfig;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;

/**
 * What every transport does with one delivery of log entries (an http-log body, a tcp-log line, a udp-log datagram,
 * a syslog message, a Kafka record): parse it whole, drop the entries whose {@code request.id} was counted before,
 * hand the rest to the sinks (traffic metrics, the live view), count the result. A delivery that does not parse
 * leaves nothing behind. Thread-safe: one pipeline is shared by every transport, so an entry that arrives twice by
 * two transports (Kong re-sent it elsewhere) is still counted once.
 */
public final class EntryPipeline {
    private final LogEntryParser parser;
    private final List<EntrySink> sinks;
    private final IngestStats stats;
    private volatile IngestConfig config;
    private volatile RecentIds recentIds;

    public EntryPipeline(IngestConfig config, List<EntrySink> sinks, IngestStats stats) {
        this.parser = new LogEntryParser(new HashSet<>(config.extraLabels()), LogEntryParser.Limits.DEFAULTS);
        this.sinks = List.copyOf(sinks);
        this.stats = stats;
        this.config = config;
        this.recentIds = recentIds(config);
        stats.dedupe(this::rememberedIds, this::unremembered);
    }

    /**
     * What became of one delivery.
     *
     * @param firstInvalidReason why the first skipped entry was skipped, null when none was; for logs, not for labels
     */
    public record Delivery(int accepted, int invalid, int duplicate, String firstInvalidReason) {}

    /**
     * Parses, de-duplicates, records and counts one delivery.
     *
     * @throws LogParseException the bytes are not JSON (or break a limit); nothing of them was recorded
     */
    public Delivery accept(byte[] bytes, int offset, int length) throws LogParseException {
        stats.bodyBytes(length);
        LogBatch batch = parser.parse(bytes, offset, length);
        RecentIds ids = recentIds;
        List<LogEntry> fresh = ids == null ? batch.entries() : ids.firstDeliveries(batch.entries());
        for (EntrySink sink : sinks) {
            sink.record(fresh);
        }
        int duplicates = batch.entries().size() - fresh.size();
        stats.entries(fresh.size(), batch.invalidEntries(), duplicates);
        return new Delivery(fresh.size(), batch.invalidEntries(), duplicates, batch.firstInvalidReason());
    }

    /** Applies a reloaded de-duplication window; the extra labels need a restart. */
    public void apply(IngestConfig next) {
        IngestConfig current = config;
        if (!next.dedupeWindow().equals(current.dedupeWindow()) || next.dedupeMaxIds() != current.dedupeMaxIds()) {
            recentIds = recentIds(next);
        }
        config = next;
    }

    /** Entries accepted over the pipeline's life, by every transport. */
    public long acceptedTotal() {
        return stats.acceptedTotal();
    }

    private static RecentIds recentIds(IngestConfig config) {
        return config.dedupeWindow().isZero() ? null : new RecentIds(config.dedupeWindow(), config.dedupeMaxIds(), Clock.systemUTC());
    }

    private long rememberedIds() {
        RecentIds ids = recentIds;
        return ids == null ? 0 : ids.size();
    }

    private long unremembered() {
        RecentIds ids = recentIds;
        return ids == null ? 0 : ids.full();
    }
}
