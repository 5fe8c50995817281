package io.kongsimulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * One page of {@code GET /clustering/data-planes} in the Kong 3.9 shape. A connected data plane
 * reports the config hash that was current at its last ping; a disconnected one has none, no
 * labels and no certificate details.
 */
record DataPlanesBody(List<SimulatedDataPlane> page, String next, Scenario scenario, long nowMillis) implements JsonResponse {

    private static final List<String> RPC_CAPABILITIES = List.of("kong.debug.log_level.v1", "kong.sync.v2");

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("data");
        for (SimulatedDataPlane dataPlane : page) {
            writeDataPlane(json, dataPlane);
        }
        json.writeEndArray();
        if (next == null) {
            json.writeNullField("next");
        } else {
            json.writeStringField("next", next);
        }
        json.writeEndObject();
    }

    private void writeDataPlane(JsonGenerator json, SimulatedDataPlane dataPlane) throws IOException {
        long lastSeenMillis = dataPlane.lastSeenAt(nowMillis);
        long lastSeen = lastSeenMillis / 1000;
        boolean connected = dataPlane.connected();
        json.writeStartObject();
        if (dataPlane.certExpiry() > 0) {
            json.writeObjectFieldStart("cert_details");
            json.writeNumberField("expiry_timestamp", dataPlane.certExpiry());
            json.writeEndObject();
        }
        json.writeStringField("config_hash", connected ? ConfigHash.at(scenario, lastSeenMillis) : ConfigHash.NONE);
        json.writeStringField("hostname", dataPlane.hostname());
        json.writeStringField("id", dataPlane.id());
        json.writeStringField("ip", dataPlane.ip());
        if (connected) {
            json.writeObjectFieldStart("labels");
            json.writeStringField("env", "demo");
            json.writeStringField("region", "eu-west-1");
            json.writeEndObject();
        }
        json.writeNumberField("last_seen", lastSeen);
        json.writeArrayFieldStart("rpc_capabilities");
        for (String capability : connected ? RPC_CAPABILITIES : List.<String>of()) {
            json.writeString(capability);
        }
        json.writeEndArray();
        json.writeStringField("sync_status", dataPlane.syncStatus());
        json.writeNumberField("ttl", dataPlane.ttlAt(nowMillis));
        json.writeNumberField("updated_at", lastSeen);
        json.writeStringField("version", dataPlane.version());
        json.writeEndObject();
    }
}
