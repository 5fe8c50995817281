package io.kongexporter.ingest;

import java.util.List;

/**
 * The result of parsing one http-log body.
 *
 * @param entries            the valid entries, in body order
 * @param invalidEntries     entries that were skipped because a field had the wrong type or the
 *                           status was missing
 * @param firstInvalidReason why the first skipped entry was skipped (e.g. "entry 2: response.status
 *                           is a string"), or null when none was skipped; for logs, not for labels
 */
public record LogBatch(List<LogEntry> entries, int invalidEntries, String firstInvalidReason) {

    public LogBatch {
        entries = List.copyOf(entries);
    }
}
