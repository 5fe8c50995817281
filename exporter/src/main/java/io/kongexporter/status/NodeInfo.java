package io.kongexporter.status;

/**
 * A parsed {@code GET /} body: who the node is.
 *
 * @param nodeId the node's uuid (absent before Kong 0.12.2: empty)
 * @param edition "community" or "enterprise" (3.6+), else empty
 * @param role "traditional", "control_plane" or "data_plane"
 * @param database "postgres", "cassandra", "off", or empty when not reported
 */
public record NodeInfo(
        String nodeId,
        String hostname,
        String version,
        String edition,
        String role,
        String database) {

    public boolean isControlPlane() {
        return role.equals("control_plane");
    }
}
