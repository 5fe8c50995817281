package io.kongsimulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /status} in the shape of the node's Kong version: {@code configuration_hash} on DB-less
 * nodes and data planes, {@code database.reachable} on Postgres nodes and on 2.x DB-less nodes, memory in the
 * requested unit, and the nginx connection counters.
 */
record StatusBody(NodeProfile profile, Incarnation life, ServerCounters server, MemoryUsage memory,
                  long nowMillis, String configurationHash, MemoryUnit unit) implements JsonResponse {

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
        json.writeStartObject();
        if (profile.reportsConfigHash()) {
            json.writeStringField("configuration_hash", configurationHash);
        }
        if (profile.reportsDatabase()) {
            json.writeObjectFieldStart("database");
            json.writeBooleanField("reachable", true);
            json.writeEndObject();
        }
        writeMemory(json);
        writeServer(json);
        json.writeEndObject();
    }

    private void writeMemory(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("memory");
        json.writeObjectFieldStart("lua_shared_dicts");
        for (SimulatedSharedDict dict : profile.sharedDicts()) {
            json.writeObjectFieldStart(dict.name());
            writeBytes(json, "allocated_slabs", memory.allocatedSlabs(dict, nowMillis));
            writeBytes(json, "capacity", dict.capacityBytes());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeArrayFieldStart("workers_lua_vms");
        List<Integer> pids = life.workerPids();
        for (int i = 0; i < pids.size(); i++) {
            json.writeStartObject();
            writeBytes(json, "http_allocated_gc", memory.workerGcBytes(i, nowMillis));
            json.writeNumberField("pid", pids.get(i));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void writeServer(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("server");
        json.writeNumberField("connections_accepted", server.accepted());
        json.writeNumberField("connections_active", server.active());
        json.writeNumberField("connections_handled", server.handled());
        json.writeNumberField("connections_reading", server.reading());
        json.writeNumberField("connections_waiting", server.waiting());
        json.writeNumberField("connections_writing", server.writing());
        json.writeNumberField("total_requests", server.totalRequests());
        json.writeEndObject();
    }

    private void writeBytes(JsonGenerator json, String field, long bytes) throws IOException {
        if (unit.isBytes()) {
            json.writeNumberField(field, bytes);
        } else {
            json.writeStringField(field, unit.format(bytes));
        }
    }
}
