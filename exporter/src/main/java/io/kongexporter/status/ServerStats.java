package io.kongexporter.status;

/** The {@code server} block of {@code /status}: nginx's stub_status numbers. */
public record ServerStats(
        long connectionsActive,
        long connectionsReading,
        long connectionsWriting,
        long connectionsWaiting,
        long connectionsAccepted,
        long connectionsHandled,
        long totalRequests) {}
