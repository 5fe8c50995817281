package io.kongexporter.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kongfixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminApiParsersTest {

    @Test
    void reads_node_identity_from_kong_0_14_without_edition() throws Exception {
        NodeInfo info = NodeInfoParser.parse(Fixtures.adminApi("root-0.14.json"));
        assertThat(info.nodeId()).isEqualTo("1e0d9c8b-7a6f-4e5d-8c4b-3a2f1e0d9c8b");
        assertThat(info.hostname()).isEqualTo("kong-legacy-01");
        assertThat(info.version()).startsWith("0.14");
        assertThat(info.edition()).isEmpty();
        assertThat(info.database()).isEqualTo("postgres");
        assertThat(info.role()).isEqualTo("traditional");
    }

    @Test
    void reads_node_identity_from_kong_2_8_and_3_9() throws Exception {
        NodeInfo v28 = NodeInfoParser.parse(Fixtures.adminApi("root-2.8.json"));
        assertThat(v28.version()).startsWith("2.8");
        assertThat(v28.nodeId()).isNotEmpty();
        NodeInfo v39 = NodeInfoParser.parse(Fixtures.adminApi("root-3.9.json"));
        assertThat(v39.version()).isEqualTo("3.9.1");
        assertThat(v39.edition()).isEqualTo("community");
        assertThat(v39.database()).isEqualTo("off");
        assertThat(v39.isControlPlane()).isFalse();
    }

    @Test
    void rejects_a_root_body_that_is_not_kong() {
        assertThatThrownBy(() -> NodeInfoParser.parse("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(KongParseException.class).hasMessageContaining("version");
    }

    @Test
    void reads_data_planes_with_sync_status_and_last_seen() throws Exception {
        Page<DataPlane> page = DataPlanesParser.parse(Fixtures.adminApi("clustering-data-planes-3.9.json"));
        assertThat(page.next()).isNull();
        assertThat(page.data()).extracting(DataPlane::hostname).containsExactly("kong-dp-0", "kong-dp-1", "kong-dp-canary");
        DataPlane canary = page.data().get(2);
        assertThat(canary.syncStatus()).isEqualTo("kong_version_incompatible");
        assertThat(canary.version()).isEqualTo("3.10.0");
        assertThat(canary.lastSeenEpochSeconds()).isEqualTo(1750150211L);
    }

    @Test
    void follows_the_next_link_of_a_data_plane_page() throws Exception {
        Page<DataPlane> page = DataPlanesParser.parse("""
                {"data":[{"id":"a","hostname":"dp","version":"3.9.1","sync_status":"normal","last_seen":1}],
                 "next":"/clustering/data-planes?offset=abc"}""".getBytes(StandardCharsets.UTF_8));
        assertThat(page.next()).isEqualTo("/clustering/data-planes?offset=abc");
    }

    @Test
    void reads_upstream_target_health_per_address() throws Exception {
        List<TargetHealth> health = UpstreamHealthParser.parseHealth("orders", """
                {"node_id":"n","total":2,"next":null,"data":[
                  {"target":"10.0.1.5:8080","weight":100,"health":"HEALTHY",
                   "data":{"addresses":[{"ip":"10.0.1.5","port":8080,"health":"HEALTHY","weight":100}],"dns":"A"}},
                  {"target":"orders.svc:8080","weight":100,"health":"UNHEALTHY",
                   "data":{"addresses":[{"ip":"10.0.1.6","port":8080,"health":"UNHEALTHY","weight":100},
                                        {"ip":"10.0.1.7","port":8080,"health":"HEALTHY","weight":100}]}},
                  {"target":"gone.svc:80","weight":100,"health":"DNS_ERROR"}]}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(health).containsExactly(
                new TargetHealth("orders", "10.0.1.5:8080", "10.0.1.5:8080", "healthy"),
                new TargetHealth("orders", "orders.svc:8080", "10.0.1.6:8080", "unhealthy"),
                new TargetHealth("orders", "orders.svc:8080", "10.0.1.7:8080", "healthy"),
                new TargetHealth("orders", "gone.svc:80", "", "dns_error"));
    }

    @Test
    void lists_upstreams_by_name_or_id() throws Exception {
        Page<String> page = UpstreamHealthParser.parseUpstreams("""
                {"data":[{"id":"u1","name":"orders"},{"id":"u2"}],"next":"/upstreams?offset=x"}""".getBytes(StandardCharsets.UTF_8));
        assertThat(page.data()).containsExactly("orders", "u2");
        assertThat(page.next()).isEqualTo("/upstreams?offset=x");
    }

    @Test
    void detects_a_restart_from_counters_or_worker_pids() throws Exception {
        KongStatus before = StatusParser.parse(Fixtures.adminApi("status-3.9-dbless.json"));
        KongStatus fresh = StatusParser.parse(Fixtures.adminApi("status-3.9-dbless-no-config-yet.json"));
        assertThat(NodeExtrasFetcher.restarted(before, fresh)).isTrue();
        assertThat(NodeExtrasFetcher.restarted(before, before)).isFalse();
        assertThat(NodeExtrasFetcher.restarted(null, before)).isFalse();
    }
}
