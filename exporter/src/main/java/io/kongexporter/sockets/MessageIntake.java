package io.kongexporter.sockets;

import io.kongexporter.ingest.EntryPipeline;
import io.kongexporter.ingest.LogParseException;
import io.kongexporter.ingest.RateLimitedLog;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Where a transport hands each message it framed: the shared {@link EntryPipeline} (the same parser, de-duplication
 * and counting as http-log), the transport's message counter, and a rate-limited WARN line for what was refused.
 */
final class MessageIntake {
    static final Duration LOG_INTERVAL = Duration.ofSeconds(60);

    private final EntryPipeline pipeline;
    private final TransportMetrics metrics;
    private final RateLimitedLog refused;

    MessageIntake(EntryPipeline pipeline, TransportMetrics metrics, Logger log, String what) {
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.refused = new RateLimitedLog(log, LOG_INTERVAL, what + " not accepted");
    }

    /** Hands one message (one JSON entry, or an array of them) to the pipeline; counts it accepted or unparsable. */
    void deliver(byte[] bytes, int offset, int length) {
        try {
            EntryPipeline.Delivery delivery = pipeline.accept(bytes, offset, length);
            metrics.message(MessageResult.ACCEPTED);
            if (delivery.invalid() > 0) {
                refused.note("messages with invalid entries (skipped)");
            }
        } catch (LogParseException e) {
            reject(MessageResult.UNPARSABLE, "unparsable (not JSON)");
        }
    }

    /** Counts a message refused before parsing, and notes why for the rate-limited log line (a fixed text, not input). */
    void reject(MessageResult result, String why) {
        metrics.message(result);
        refused.note(why);
    }

    TransportMetrics metrics() {
        return metrics;
    }

    /** Logs what was counted since the last line (at shutdown). */
    void flush() {
        refused.flush();
    }
}
