package io.kongexporter.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Parses one page of {@code GET /clustering/data-planes} (control plane, Kong 2.2+). */
public final class DataPlanesParser {
    private static final String WHERE = "/clustering/data-planes";

    private DataPlanesParser() {}

    public static Page<DataPlane> parse(byte[] body) throws KongParseException {
        JsonNode root = JsonBody.read(body, WHERE);
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new KongParseException(WHERE + ".data: expected an array, got " + JsonBody.describe(data));
        }
        List<DataPlane> planes = new ArrayList<>();
        for (JsonNode dp : data) {
            if (!dp.isObject()) {
                throw new KongParseException(WHERE + ".data[]: expected an object, got " + JsonBody.describe(dp));
            }
            String id = JsonBody.text(dp, "id");
            if (id.isEmpty()) {
                throw new KongParseException(WHERE + ".data[].id: missing");
            }
            JsonNode lastSeen = dp.get("last_seen");
            planes.add(new DataPlane(id,
                    JsonBody.text(dp, "hostname"),
                    JsonBody.text(dp, "ip"),
                    JsonBody.text(dp, "version"),
                    JsonBody.text(dp, "sync_status").isEmpty() ? "unknown" : JsonBody.text(dp, "sync_status"),
                    JsonBody.text(dp, "config_hash"),
                    lastSeen != null && lastSeen.isNumber() ? lastSeen.asLong() : 0));
        }
        String next = JsonBody.text(root, "next");
        return new Page<>(planes, next.isEmpty() ? null : next);
    }
}
