package io.kongexporter.status;

import com.fasterxml.jackson.databind.JsonNode;

/** Parses {@code GET /} (Admin API root): node id, hostname, version, edition, role, database, nginx timers. */
public final class NodeInfoParser {
    private static final String WHERE = "/";

    private NodeInfoParser() {}

    public static NodeInfo parse(byte[] body) throws KongParseException {
        JsonNode root = JsonBody.read(body, WHERE);
        String version = JsonBody.text(root, "version");
        if (version.isEmpty()) {
            throw new KongParseException(WHERE + ": no version field; is this Kong's Admin API?");
        }
        JsonNode configuration = root.get("configuration");
        String role = "traditional";
        String database = "";
        if (configuration != null && configuration.isObject()) {
            String configuredRole = JsonBody.text(configuration, "role");
            role = configuredRole.isEmpty() ? role : configuredRole;
            database = JsonBody.text(configuration, "database");
        }
        return new NodeInfo(
                JsonBody.text(root, "node_id"),
                JsonBody.text(root, "hostname"),
                version,
                JsonBody.text(root, "edition"),
                role,
                database,
                timer(root, "running"),
                timer(root, "pending"));
    }

    private static long timer(JsonNode root, String state) {
        JsonNode timers = root.get("timers");
        JsonNode count = timers == null ? null : timers.get(state);
        return count != null && count.canConvertToLong() ? count.asLong() : -1;
    }
}
