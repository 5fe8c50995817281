package io.kongexporter.metrics;

import io.kongexporter.config.MetricsConfig;
import io.kongexporter.status.ClusterCount;
import io.kongexporter.status.DataPlane;
import io.kongexporter.status.DatabaseState;
import io.kongexporter.status.KongStatus;
import io.kongexporter.status.NodeInfo;
import io.kongexporter.status.NodeSnapshot;
import io.kongexporter.status.PollErrorReason;
import io.kongexporter.status.SharedDict;
import io.kongexporter.status.TargetHealth;
import io.kongexporter.status.WorkerVm;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Maps the pollers' latest snapshots to metrics at scrape time. Never does I/O: a slow or dead Kong node
 * cannot slow or fail a scrape. Kong's cumulative nginx numbers are exposed as counters carrying Kong's own
 * values (a decrease means Kong restarted, which {@code rate()} handles as a counter reset).
 */
public final class KongNodeCollector implements MultiCollector {
    static final List<String> HEALTH_STATES = List.of("healthy", "unhealthy", "dns_error", "healthchecks_off");
    static final List<String> BREAKER_STATES = List.of("closed", "open", "half_open");

    private final Supplier<List<NodeSnapshot>> nodes;
    private final Supplier<Duration> heartbeatWindow;
    private final Clock clock;
    private final NodeNaming naming;

    public KongNodeCollector(Supplier<List<NodeSnapshot>> nodes, Supplier<Duration> heartbeatWindow, Clock clock, MetricsConfig.Naming naming) {
        this.naming = NodeNaming.of(naming);
        this.nodes = nodes;
        this.heartbeatWindow = heartbeatWindow;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        List<NodeSnapshot> all = nodes.get();
        Instant now = clock.instant();
        boolean plugin = naming.plugin();

        MetricFamily up = MetricFamily.gauge("kong_up", "1 if the latest poll of the node's /status succeeded, else 0.");
        MetricFamily lastSeen = MetricFamily.gauge("kong_node_last_seen_timestamp_seconds", "Unix time of the node's latest successful poll, in seconds.");
        MetricFamily info = MetricFamily.info("kong_node_info", plugin ? "Kong node information." : "Kong node identity from GET / (node id, hostname, version).");
        MetricFamily connections = plugin
                ? MetricFamily.counter("kong_nginx_connections_total", "Number of connections by subsystem and state (state total = requests), as Kong's plugin reports them.")
                : MetricFamily.gauge("kong_nginx_connections", "Client connections of the node by state (active, reading, writing, waiting).");
        MetricFamily accepted = MetricFamily.counter("kong_nginx_connections_accepted_total", "Client connections accepted by the node's nginx since it started.");
        MetricFamily handled = MetricFamily.counter("kong_nginx_connections_handled_total", "Client connections handled by the node's nginx since it started; below accepted only when worker_connections ran out.");
        MetricFamily requests = MetricFamily.counter("kong_nginx_requests_total", "Requests served by the node's nginx since it started (proxy, Admin and Status API).");
        MetricFamily datastore = MetricFamily.gauge("kong_datastore_reachable", "1 if the node reports its database reachable, 0 if not; absent where Kong does not report it (DB-less).");
        MetricFamily configHash = MetricFamily.info("kong_config_hash_info", "Hash of the declarative configuration the node has loaded (DB-less and data planes); all zeros means no config yet.");
        MetricFamily dictBytes = MetricFamily.gauge("kong_memory_lua_shared_dict_bytes", "Bytes allocated in the node's lua_shared_dict (allocated slabs).");
        MetricFamily dictTotal = MetricFamily.gauge("kong_memory_lua_shared_dict_total_bytes", "Capacity of the node's lua_shared_dict, in bytes.");
        MetricFamily workerVms = MetricFamily.gauge("kong_memory_workers_lua_vms_bytes", "Bytes allocated by each nginx worker's Lua VM (http_allocated_gc).");
        MetricFamily targets = MetricFamily.gauge("kong_upstream_target_health", "Health of an upstream target address as the node's balancer sees it: 1 for the current state, 0 for the others.");
        MetricFamily pollDuration = MetricFamily.gauge("kong_exporter_poll_duration_seconds", "Duration of the latest poll of the node, in seconds.");
        MetricFamily polls = MetricFamily.counter("kong_exporter_polls_total", "Polls of the node finished, successful or not.");
        MetricFamily pollErrors = MetricFamily.counter("kong_exporter_poll_errors_total", "Failed polls of the node by reason (timeout, connect, http_status, parse, circuit_open).");
        MetricFamily breaker = MetricFamily.gauge("kong_exporter_circuit_breaker_state", "Circuit breaker of the node's poller: 1 for the current state (closed, open, half_open), 0 for the others.");

        for (NodeSnapshot node : all) {
            String name = node.name();
            up.add(node.up() ? 1 : 0, "node", name);
            if (node.lastSeen() != null) {
                lastSeen.add(node.lastSeen().toEpochMilli() / 1000.0, "node", name);
            }
            NodeInfo nodeInfo = node.info();
            if (nodeInfo != null) {
                if (plugin) {
                    info.addInfo("node_id", nodeInfo.nodeId(), "version", nodeInfo.version());
                } else {
                    info.addInfo("node", name, "node_id", nodeInfo.nodeId(), "hostname", nodeInfo.hostname(), "version", nodeInfo.version());
                }
            }
            if (node.up() && node.status() != null) {
                KongStatus status = node.status();
                var server = status.server();
                connections.add(server.connectionsActive(), naming.labels(node, "subsystem", "state", "active"));
                connections.add(server.connectionsReading(), naming.labels(node, "subsystem", "state", "reading"));
                connections.add(server.connectionsWriting(), naming.labels(node, "subsystem", "state", "writing"));
                connections.add(server.connectionsWaiting(), naming.labels(node, "subsystem", "state", "waiting"));
                if (plugin) {
                    connections.add(server.connectionsAccepted(), naming.labels(node, "subsystem", "state", "accepted"));
                    connections.add(server.connectionsHandled(), naming.labels(node, "subsystem", "state", "handled"));
                    connections.add(server.totalRequests(), naming.labels(node, "subsystem", "state", "total"));
                } else {
                    accepted.add(server.connectionsAccepted(), "node", name);
                    handled.add(server.connectionsHandled(), "node", name);
                }
                requests.add(server.totalRequests(), naming.labels(node, "subsystem"));
                if (status.database() != DatabaseState.NOT_REPORTED) {
                    datastore.add(status.database() == DatabaseState.REACHABLE ? 1 : 0, naming.node(node));
                }
                if (status.configurationHash() != null) {
                    configHash.addInfo(naming.labels(node, null, "hash", status.configurationHash()));
                }
                for (SharedDict dict : status.sharedDicts()) {
                    dictBytes.add(dict.allocatedBytes(), naming.labels(node, "kong_subsystem", "shared_dict", dict.name()));
                    dictTotal.add(dict.capacityBytes(), naming.labels(node, "kong_subsystem", "shared_dict", dict.name()));
                }
                for (WorkerVm worker : status.workerVms()) {
                    workerVms.add(worker.allocatedBytes(), naming.labels(node, "kong_subsystem", "pid", Long.toString(worker.pid())));
                }
                for (TargetHealth target : node.targets()) {
                    for (String state : HEALTH_STATES) {
                        targets.add(state.equals(target.state()) ? 1 : 0, naming.labels(node, "subsystem", "upstream", target.upstream(),
                                "target", target.target(), "address", target.address(), "state", state));
                    }
                }
            }
            if (node.lastAttempt() != null) {
                pollDuration.add(node.lastPollSeconds(), "node", name);
            }
            polls.add(node.polls(), "node", name);
            for (PollErrorReason reason : PollErrorReason.values()) {
                pollErrors.add(node.errors().getOrDefault(reason, 0L), "node", name, "reason", reason.label());
            }
            for (String state : BREAKER_STATES) {
                breaker.add(state.equals(node.breakerState()) ? 1 : 0, "node", name, "state", state);
            }
        }

        ClusterCount cluster = ClusterCount.of(all, now, heartbeatWindow.get());
        MetricFamily live = MetricFamily.gauge("kong_cluster_live_nodes", "Nodes of the cluster that answered within the heartbeat window: configured nodes and data planes reported by a control plane.")
                .add(cluster.live());
        MetricFamily known = MetricFamily.gauge("kong_cluster_known_nodes", "Nodes of the cluster known to the exporter: configured nodes plus non-stale data planes.")
                .add(cluster.known());
        List<MetricFamily> dataPlanes = dataPlanes(cluster.dataPlanes());

        List<MetricFamily> families = new ArrayList<>(List.of(up, lastSeen, info, connections, accepted, handled, requests, datastore, configHash,
                dictBytes, dictTotal, workerVms, targets, live, known));
        families.addAll(dataPlanes);
        families.addAll(List.of(pollDuration, polls, pollErrors, breaker));
        return MetricFamily.snapshots(families);
    }

    private List<MetricFamily> dataPlanes(List<DataPlane> planes) {
        if (!naming.plugin()) {
            MetricFamily lastSeen = MetricFamily.gauge("kong_data_plane_last_seen_timestamp_seconds", "Unix time a hybrid-mode data plane last pinged its control plane, in seconds.");
            for (DataPlane dp : planes) {
                lastSeen.add(dp.lastSeenEpochSeconds(), "node_id", dp.id(), "hostname", dp.hostname(), "version", dp.version(), "sync_status", dp.syncStatus());
            }
            return List.of(lastSeen);
        }
        MetricFamily lastSeen = MetricFamily.gauge("kong_data_plane_last_seen", "Last time the data plane contacted the control plane.");
        MetricFamily configHash = MetricFamily.gauge("kong_data_plane_config_hash", "Config hash numeric value of the data plane (lossy, as Kong's plugin computes it).");
        MetricFamily compatible = MetricFamily.gauge("kong_data_plane_version_compatible", "Version compatible status of the data plane, 0 is incompatible.");
        for (DataPlane dp : planes) {
            lastSeen.add(dp.lastSeenEpochSeconds(), "node_id", dp.id(), "hostname", dp.hostname(), "ip", dp.ip());
            configHash.add(hashValue(dp.configHash()), "node_id", dp.id(), "hostname", dp.hostname(), "ip", dp.ip());
            boolean incompatible = dp.syncStatus().endsWith("_incompatible") && !dp.syncStatus().equals("filter_set_incompatible");
            compatible.add(incompatible ? 0 : 1, "node_id", dp.id(), "hostname", dp.hostname(), "ip", dp.ip(), "kong_version", dp.version());
        }
        return List.of(lastSeen, configHash, compatible);
    }

    /** The MD5 hex read as a number, as Kong's plugin does ({@code tonumber(hash, 16)}); 0 when not hex. */
    static double hashValue(String hex) {
        try {
            return new BigInteger(hex, 16).doubleValue();
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
