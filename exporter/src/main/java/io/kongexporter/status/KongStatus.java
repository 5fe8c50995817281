package io.kongexporter.status;

import java.util.List;

/**
 * A parsed {@code GET /status} body, any Kong generation.
 *
 * @param configurationHash the declarative config hash (DB-less and data planes), or null
 * @param memoryError Kong's {@code err} when it could not read worker memory, or null
 */
public record KongStatus(
        ServerStats server,
        DatabaseState database,
        String configurationHash,
        List<SharedDict> sharedDicts,
        List<WorkerVm> workerVms,
        String memoryError) {

    public KongStatus {
        sharedDicts = List.copyOf(sharedDicts);
        workerVms = List.copyOf(workerVms);
    }
}
