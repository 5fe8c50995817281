package io.kongexporter.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.kongexporter.core.Json;
import io.kongexporter.sse.LiveHub;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kongexporter.status.ClusterCount;
import io.kongexporter.status.DatabaseState;
import io.kongexporter.status.WorkerVm;
import io.kongexporter.status.NodeSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Turns each finished poll into the node's status document for the live stream, and keeps cluster counts current. */
public final class StatusFeed {
    private final LiveHub hub;
    private final Supplier<List<NodeSnapshot>> nodes;
    private final Supplier<Duration> heartbeatWindow;
    private final Clock clock;

    public StatusFeed(LiveHub hub, Supplier<List<NodeSnapshot>> nodes, Supplier<Duration> heartbeatWindow, Clock clock) {
        this.hub = hub;
        this.nodes = nodes;
        this.heartbeatWindow = heartbeatWindow;
        this.clock = clock;
    }

    /** Called by a poller after every poll, on the poller's thread: cheap, never blocks. */
    public void polled(NodeSnapshot snapshot) {
        hub.publishStatus(snapshot.name(), document(snapshot));
    }

    /** Called once a second: publishes the cluster counts when they changed (counting every poll would cost O(nodes²)). */
    public void countCluster() {
        ClusterCount cluster = ClusterCount.of(nodes.get(), clock.instant(), heartbeatWindow.get());
        hub.publishCluster(cluster.live(), cluster.known());
    }

    /** The node's status as the live page shows it; the {@code /status} numbers plus node info and poll state. */
    static JsonNode document(NodeSnapshot n) {
        ObjectNode doc = Json.object();
        doc.put("up", n.up());
        if (n.lastSeen() == null) {
            doc.putNull("lastSeen");
        } else {
            doc.put("lastSeen", n.lastSeen().toEpochMilli() / 1000.0);
        }
        doc.put("version", n.info() == null ? "" : n.info().version());
        doc.put("edition", n.info() == null ? "" : n.info().edition());
        doc.put("hostname", n.info() == null ? "" : n.info().hostname());
        doc.put("nodeId", n.info() == null ? "" : n.info().nodeId());
        doc.put("role", n.info() == null ? "" : n.info().role());
        if (n.status() != null) {
            var server = n.status().server();
            ObjectNode connections = doc.putObject("connections");
            connections.put("active", server.connectionsActive());
            connections.put("reading", server.connectionsReading());
            connections.put("writing", server.connectionsWriting());
            connections.put("waiting", server.connectionsWaiting());
            connections.put("accepted", server.connectionsAccepted());
            connections.put("handled", server.connectionsHandled());
            doc.put("requests", server.totalRequests());
            doc.put("database", n.status().database() == DatabaseState.NOT_REPORTED ? "not_reported"
                    : n.status().database().name().toLowerCase(Locale.ROOT));
            doc.put("configHash", n.status().configurationHash());
            ObjectNode dicts = doc.putObject("sharedDicts");
            n.status().sharedDicts().forEach(d -> dicts.putObject(d.name()).put("allocated", d.allocatedBytes()).put("capacity", d.capacityBytes()));
            var vms = n.status().workerVms(); // memory.workers_lua_vms, when the node reports it
            if (vms.isEmpty()) {
                doc.putNull("luaMemory");
            } else {
                doc.putObject("luaMemory").put("workers", vms.size())
                        .put("allocated", vms.stream().mapToLong(WorkerVm::allocatedBytes).sum())
                        .put("largest", vms.stream().mapToLong(WorkerVm::allocatedBytes).max().orElse(0));
            }
        }
        doc.put("breaker", n.breakerState());
        doc.put("error", n.lastError());
        return doc;
    }
}
