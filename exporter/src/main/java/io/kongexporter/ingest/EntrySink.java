package io.kongexporter.ingest;

import java.util.List;

/** Something accepted entries go to: the traffic metrics, the live view. */
public interface EntrySink {
    void record(List<LogEntry> entries);
}
