package io.kongexporter.status.metrics;

import io.kongexporter.metrics.MetricFamily;
import io.kongexporter.status.DatabaseState;
import io.kongexporter.status.KongStatus;
import io.kongexporter.status.NodeInfo;
import io.kongexporter.status.NodeSnapshot;
import io.kongexporter.status.SharedDict;
import io.kongexporter.status.TargetHealth;
import io.kongexporter.status.WorkerVm;
import java.util.ArrayList;
import java.util.List;

/**
 * The families both namings export under the same names and help, from a node's {@code /status} and its upstream
 * health; the naming only decides how the node is labelled ({@link NodeLabels}). One instance gathers one scrape.
 * Example in the default naming (the kong-plugin naming is shown in {@link KongPluginNodeMetrics}):
 *
 * <pre>
 * # HELP kong_config_hash_info Hash of the declarative configuration the node has loaded (DB-less and data planes); all zeros means no config yet.
 * # TYPE kong_config_hash_info gauge
 * kong_config_hash_info{hash="b5a04c4e6e9d1f5f3c2a0d7e8b914a6c",node="dbless"} 1
 * # HELP kong_datastore_reachable 1 if the node reports its database reachable, 0 if not; absent where Kong does not report it (DB-less).
 * # TYPE kong_datastore_reachable gauge
 * kong_datastore_reachable{node="cp"} 1.0
 * # HELP kong_memory_lua_shared_dict_bytes Bytes allocated in the node's lua_shared_dict (allocated slabs).
 * # TYPE kong_memory_lua_shared_dict_bytes gauge
 * kong_memory_lua_shared_dict_bytes{node="cp",shared_dict="kong"} 41943.0
 * # HELP kong_memory_lua_shared_dict_total_bytes Capacity of the node's lua_shared_dict, in bytes.
 * # TYPE kong_memory_lua_shared_dict_total_bytes gauge
 * kong_memory_lua_shared_dict_total_bytes{node="cp",shared_dict="kong"} 5242880.0
 * # HELP kong_memory_workers_lua_vms_bytes Bytes allocated by each nginx worker's Lua VM (http_allocated_gc).
 * # TYPE kong_memory_workers_lua_vms_bytes gauge
 * kong_memory_workers_lua_vms_bytes{node="cp",pid="1257"} 6.4946176E7
 * # HELP kong_nginx_requests_total Requests served by the node's nginx since it started (proxy, Admin and Status API).
 * # TYPE kong_nginx_requests_total counter
 * kong_nginx_requests_total{node="cp"} 2.0577931E7
 * # HELP kong_upstream_target_health Health of an upstream target address as the node's balancer sees it: 1 for the current state, 0 for the others.
 * # TYPE kong_upstream_target_health gauge
 * kong_upstream_target_health{address="10.0.1.5:8080",node="cp",state="dns_error",target="10.0.1.5:8080",upstream="orders"} 0.0
 * kong_upstream_target_health{address="10.0.1.5:8080",node="cp",state="healthchecks_off",target="10.0.1.5:8080",upstream="orders"} 0.0
 * kong_upstream_target_health{address="10.0.1.5:8080",node="cp",state="healthy",target="10.0.1.5:8080",upstream="orders"} 1.0
 * kong_upstream_target_health{address="10.0.1.5:8080",node="cp",state="unhealthy",target="10.0.1.5:8080",upstream="orders"} 0.0
 * </pre>
 */
final class StatusFamilies {
    static final String NGINX_REQUESTS = "kong_nginx_requests_total";
    static final String DATASTORE_REACHABLE = "kong_datastore_reachable";
    static final String CONFIG_HASH = "kong_config_hash_info";
    static final String SHARED_DICT_BYTES = "kong_memory_lua_shared_dict_bytes";
    static final String SHARED_DICT_TOTAL_BYTES = "kong_memory_lua_shared_dict_total_bytes";
    static final String WORKER_LUA_VM_BYTES = "kong_memory_workers_lua_vms_bytes";
    static final String UPSTREAM_TARGET_HEALTH = "kong_upstream_target_health";
    static final String NGINX_TIMERS = "kong_nginx_timers";

    static final List<String> HEALTH_STATES = List.of("healthy", "unhealthy", "dns_error", "healthchecks_off");

    private final MetricFamily requests = MetricFamily.counter(NGINX_REQUESTS,
            "Requests served by the node's nginx since it started (proxy, Admin and Status API).");
    private final boolean dbLessReachable;
    private final MetricFamily datastore;
    private final MetricFamily timers = MetricFamily.gauge(NGINX_TIMERS,
            "nginx timers of the node by state (running, pending), from GET / (refreshed every minute, not every poll).");
    private final MetricFamily configHash = MetricFamily.info(CONFIG_HASH,
            "Hash of the declarative configuration the node has loaded (DB-less and data planes); all zeros means no config yet.");
    private final MetricFamily dictBytes = MetricFamily.gauge(SHARED_DICT_BYTES, "Bytes allocated in the node's lua_shared_dict (allocated slabs).");
    private final MetricFamily dictTotal = MetricFamily.gauge(SHARED_DICT_TOTAL_BYTES, "Capacity of the node's lua_shared_dict, in bytes.");
    private final MetricFamily workerVms = MetricFamily.gauge(WORKER_LUA_VM_BYTES, "Bytes allocated by each nginx worker's Lua VM (http_allocated_gc).");
    private final MetricFamily targets = MetricFamily.gauge(UPSTREAM_TARGET_HEALTH,
            "Health of an upstream target address as the node's balancer sees it: 1 for the current state, 0 for the others.");

    /**
     * @param dbLessReachable {@code kong_datastore_reachable} is 1 for a DB-less node or data plane, as Kong's plugin
     *                        says (its {@code kong.db.connector:connect()} always succeeds there, {@code kong/db/strategies/off/connector.lua});
     *                        false: absent there, since Kong's {@code /status} reports no database
     */
    StatusFamilies(boolean dbLessReachable) {
        this.dbLessReachable = dbLessReachable;
        this.datastore = MetricFamily.gauge(DATASTORE_REACHABLE, dbLessReachable
                ? "Datastore reachable from Kong, 0 is unreachable; 1 for DB-less nodes and data planes, as Kong's plugin reports them."
                : "1 if the node reports its database reachable, 0 if not; absent where Kong does not report it (DB-less).");
    }

    /** Adds a node whose latest poll succeeded, with its latest {@code status}. */
    void add(NodeSnapshot node, KongStatus status, NodeLabels labels) {
        requests.add(status.server().totalRequests(), labels.subsystem());
        NodeInfo info = node.info();
        if (status.database() != DatabaseState.NOT_REPORTED) {
            datastore.add(status.database() == DatabaseState.REACHABLE ? 1 : 0, labels.node());
        } else if (dbLessReachable && (status.configurationHash() != null || info != null && info.isDbLess())) {
            datastore.add(1, labels.node());
        }
        if (info != null && info.timersRunning() >= 0 && info.timersPending() >= 0) {
            timers.add(info.timersRunning(), labels.node().add("state", "running"));
            timers.add(info.timersPending(), labels.node().add("state", "pending"));
        }
        if (status.configurationHash() != null) {
            configHash.addInfo(labels.node().add("hash", status.configurationHash()));
        }
        for (SharedDict dict : status.sharedDicts()) {
            dictBytes.add(dict.allocatedBytes(), labels.kongSubsystem().add("shared_dict", dict.name()));
            dictTotal.add(dict.capacityBytes(), labels.kongSubsystem().add("shared_dict", dict.name()));
        }
        for (WorkerVm worker : status.workerVms()) {
            workerVms.add(worker.allocatedBytes(), labels.kongSubsystem().add("pid", Long.toString(worker.pid())));
        }
        for (TargetHealth target : node.targets()) {
            for (String state : HEALTH_STATES) {
                targets.add(state.equals(target.state()) ? 1 : 0, labels.subsystem().merge(new String[] {"upstream", "target", "address", "state"},
                        new String[] {target.upstream(), target.target(), target.address(), state}));
            }
        }
    }

    /** These families after the naming's own. */
    List<MetricFamily> after(MetricFamily... own) {
        List<MetricFamily> all = new ArrayList<>(List.of(own));
        all.addAll(List.of(requests, datastore, configHash, dictBytes, dictTotal, workerVms, targets, timers));
        return all;
    }
}
