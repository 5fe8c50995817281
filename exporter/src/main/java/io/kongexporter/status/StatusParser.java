package io.kongexporter.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Parses {@code GET /status} of every Kong generation from 0.10 to 3.x. Pure: bytes in, record out. */
public final class StatusParser {
    private static final String WHERE = "/status";

    private StatusParser() {}

    public static KongStatus parse(byte[] body) throws KongParseException {
        JsonNode root = JsonBody.read(body, WHERE);
        JsonNode server = JsonBody.object(root, "server", WHERE);
        String at = WHERE + ".server";
        ServerStats stats = new ServerStats(
                JsonBody.requiredCount(server, "connections_active", at),
                JsonBody.requiredCount(server, "connections_reading", at),
                JsonBody.requiredCount(server, "connections_writing", at),
                JsonBody.requiredCount(server, "connections_waiting", at),
                JsonBody.requiredCount(server, "connections_accepted", at),
                JsonBody.requiredCount(server, "connections_handled", at),
                JsonBody.requiredCount(server, "total_requests", at));

        List<SharedDict> dicts = new ArrayList<>();
        List<WorkerVm> workers = new ArrayList<>();
        String memoryError = null;
        JsonNode memory = root.get("memory");
        if (memory != null && memory.isObject()) {
            readDicts(memory.get("lua_shared_dicts"), dicts);
            memoryError = readWorkers(memory.get("workers_lua_vms"), workers);
        }
        String hash = JsonBody.text(root, "configuration_hash");
        return new KongStatus(stats, database(root.get("database")), hash.isEmpty() ? null : hash, dicts, workers, memoryError);
    }

    /** 0.11+ reports {@code reachable}; 0.9-0.10 sent entity counts instead (unknown reachability). */
    private static DatabaseState database(JsonNode database) throws KongParseException {
        if (database == null || !database.isObject()) {
            return DatabaseState.NOT_REPORTED;
        }
        JsonNode reachable = database.get("reachable");
        if (reachable == null) {
            return DatabaseState.NOT_REPORTED;
        }
        if (!reachable.isBoolean()) {
            throw new KongParseException(WHERE + ".database.reachable: expected true or false, got " + JsonBody.describe(reachable));
        }
        return reachable.asBoolean() ? DatabaseState.REACHABLE : DatabaseState.UNREACHABLE;
    }

    private static void readDicts(JsonNode dicts, List<SharedDict> out) throws KongParseException {
        if (dicts == null || !dicts.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = dicts.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> dict = fields.next();
            String at = WHERE + ".memory.lua_shared_dicts." + dict.getKey();
            if (!dict.getValue().isObject()) {
                throw new KongParseException(at + ": expected an object, got " + JsonBody.describe(dict.getValue()));
            }
            out.add(new SharedDict(dict.getKey(),
                    MemorySize.bytes(dict.getValue().get("allocated_slabs"), at + ".allocated_slabs"),
                    MemorySize.bytes(dict.getValue().get("capacity"), at + ".capacity")));
        }
        out.sort(Comparator.comparing(SharedDict::name));
    }

    /** Returns Kong's error text when the whole value is {@code {"err": ...}}; skips workers that carry {@code err}. */
    private static String readWorkers(JsonNode workers, List<WorkerVm> out) throws KongParseException {
        if (workers == null) {
            return null;
        }
        if (workers.isObject()) {
            String err = JsonBody.text(workers, "err");
            return err.isEmpty() ? "workers_lua_vms is an object without err" : err;
        }
        if (!workers.isArray()) {
            throw new KongParseException(WHERE + ".memory.workers_lua_vms: expected an array, got " + JsonBody.describe(workers));
        }
        String firstError = null;
        for (JsonNode worker : workers) {
            String at = WHERE + ".memory.workers_lua_vms[]";
            if (!worker.isObject()) {
                throw new KongParseException(at + ": expected an object, got " + JsonBody.describe(worker));
            }
            JsonNode gc = worker.get("http_allocated_gc");
            if (gc == null || worker.has("err")) {
                if (firstError == null) {
                    firstError = JsonBody.text(worker, "err");
                }
                continue;
            }
            out.add(new WorkerVm(JsonBody.requiredCount(worker, "pid", at), MemorySize.bytes(gc, at + ".http_allocated_gc")));
        }
        out.sort(Comparator.comparingLong(WorkerVm::pid));
        return firstError == null || firstError.isEmpty() ? null : firstError;
    }
}
