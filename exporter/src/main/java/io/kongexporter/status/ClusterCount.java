package io.kongexporter.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Live and known nodes of the cluster, counted exporter-side the way Kong's cluster-stats plugin does with a
 * database table: every configured node, plus every data plane a control plane reports. A configured node is
 * live while its last good poll is younger than the heartbeat window; a data plane while its last ping is younger
 * than the window plus {@link #DATA_PLANE_PING} (data planes ping every 30 s). A silent data plane stays known
 * for as long as its control plane lists it: Kong purges it after {@code cluster_data_plane_purge_delay} (14 days
 * by default, configurable in Kong), so a dead data plane stays stale instead of vanishing from the count. The same
 * node reported twice (two control planes, or a data plane also configured) is counted once.
 *
 * @param dataPlanes the deduplicated data planes, newest report of each
 */
public record ClusterCount(int live, int known, List<DataPlane> dataPlanes) {
    public static final Duration DATA_PLANE_PING = Duration.ofSeconds(30);

    public static ClusterCount of(Collection<NodeSnapshot> nodes, Instant now, Duration heartbeatWindow) {
        int live = 0;
        Set<String> configuredIds = new HashSet<>();
        Map<String, DataPlane> planes = new HashMap<>();
        for (NodeSnapshot node : nodes) {
            if (node.lastSeen() != null && Duration.between(node.lastSeen(), now).compareTo(heartbeatWindow) <= 0) {
                live++;
            }
            if (node.info() != null && !node.info().nodeId().isEmpty()) {
                configuredIds.add(node.info().nodeId());
            }
            for (DataPlane dp : node.dataPlanes()) {
                planes.merge(dp.id(), dp, (a, b) -> a.lastSeenEpochSeconds() >= b.lastSeenEpochSeconds() ? a : b);
            }
        }
        long nowSeconds = now.getEpochSecond();
        long liveWithin = heartbeatWindow.plus(DATA_PLANE_PING).toSeconds();
        List<DataPlane> current = planes.values().stream()
                .filter(dp -> !configuredIds.contains(dp.id()))
                .sorted(Comparator.comparing(DataPlane::id))
                .toList();
        for (DataPlane dp : current) {
            if (nowSeconds - dp.lastSeenEpochSeconds() <= liveWithin) {
                live++;
            }
        }
        return new ClusterCount(live, nodes.size() + current.size(), current);
    }
}
