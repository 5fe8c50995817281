package io.kongexporter.status;

/**
 * A parsed {@code GET /} body: who the node is.
 *
 * @param nodeId the node's uuid (absent before Kong 0.12.2: empty)
 * @param edition "community" or "enterprise" (3.6+), else empty
 * @param role "traditional", "control_plane" or "data_plane"
 * @param database "postgres", "cassandra", "off", or empty when not reported
 * @param timersRunning {@code timers.running}: nginx timers running when Kong answered (2.1+), -1 when absent
 * @param timersPending {@code timers.pending}: nginx timers waiting to run, -1 when absent
 */
public record NodeInfo(
        String nodeId,
        String hostname,
        String version,
        String edition,
        String role,
        String database,
        long timersRunning,
        long timersPending) {

    /** The node keeps its configuration in memory only (DB-less, or a hybrid-mode data plane). */
    public boolean isDbLess() {
        return database.equals("off") || role.equals("data_plane");
    }

    public boolean isControlPlane() {
        return role.equals("control_plane");
    }
}
