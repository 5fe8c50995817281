package io.kongexporter.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.config.NodeConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A silent data plane stays known (and not live) for as long as its control plane lists it, as Kong keeps it until
 * {@code cluster_data_plane_purge_delay} (kong/clustering/control_plane.lua upserts each data plane's row with that
 * delay as its ttl; 14 days by default): it must not
 * vanish after an hour and turn a stale-data-plane alert into "resolved".
 */
class ClusterCountTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void a_data_plane_silent_for_a_day_is_still_known_but_not_live() {
        NodeSnapshot controlPlane = NodeSnapshot.initial(new NodeConfig("cp", URI.create("http://cp:8001")), Map.of()).toBuilder()
                .lastSeen(NOW).dataPlanes(List.of(
                        dataPlane("dp-fresh", NOW.minusSeconds(10)),
                        dataPlane("dp-silent", NOW.minus(Duration.ofDays(1)))))
                .build();
        ClusterCount count = ClusterCount.of(List.of(controlPlane), NOW, Duration.ofSeconds(15));
        assertThat(count.known()).isEqualTo(3);
        assertThat(count.live()).isEqualTo(2);
        assertThat(count.dataPlanes()).extracting(DataPlane::id).containsExactly("dp-fresh", "dp-silent");
    }

    private static DataPlane dataPlane(String id, Instant lastSeen) {
        return new DataPlane(id, id + ".local", "10.0.0.1", "3.9.1", "normal", "a".repeat(32), lastSeen.getEpochSecond());
    }
}
