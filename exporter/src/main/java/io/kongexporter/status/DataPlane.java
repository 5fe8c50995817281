package io.kongexporter.status;

/** One hybrid-mode data plane as a control plane lists it in {@code /clustering/data-planes}. */
public record DataPlane(
        String id,
        String hostname,
        String ip,
        String version,
        String syncStatus,
        String configHash,
        long lastSeenEpochSeconds) {}
