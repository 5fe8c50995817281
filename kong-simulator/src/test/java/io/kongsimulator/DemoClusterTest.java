package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kongsimulator.support.AdminClient;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoClusterTest {

    @Test
    void the_demo_starts_three_nodes_with_their_documented_version_database_role_and_workers() {
        try (DemoCluster cluster = DemoCluster.start(Duration.ofMinutes(2), Duration.ofSeconds(20))) {
            List<DemoNode> nodes = cluster.nodes();

            assertThat(nodes).extracting(DemoNode::name).containsExactly("demo-kong-1", "demo-kong-2", "demo-kong-3");
            assertThat(nodes).extracting(node -> node.url().getHost()).containsOnly("127.0.0.1");
            assertThat(nodes).extracting(node -> node.url().getPort()).doesNotHaveDuplicates();
            assertNode(nodes.get(0), "2.8.4", "off", "traditional", 4);
            assertNode(nodes.get(1), "3.9.1", "postgres", "control_plane", 2);
            assertNode(nodes.get(2), "3.9.1", "postgres", "traditional", 2);
            assertThat(new AdminClient(nodes.get(1).url()).get("/clustering/data-planes").status()).isEqualTo(200);
        }
    }

    @Test
    void beside_the_three_admin_apis_the_demo_serves_a_data_planes_status_api_and_every_admin_api_lists_certificates() {
        try (DemoCluster cluster = DemoCluster.start(Duration.ofMinutes(2), Duration.ofSeconds(20))) {
            DemoNode dataPlane = cluster.statusApiNode();
            AdminClient statusApi = new AdminClient(dataPlane.url());

            assertThat(dataPlane.name()).isEqualTo("demo-kong-4");
            assertThat(cluster.nodes()).extracting(DemoNode::url).doesNotContain(dataPlane.url());
            assertThat(statusApi.get("/").status()).as("a Status API has no GET /").isEqualTo(404);
            assertThat(statusApi.getJson("/status/ready").path("message").asText()).isEqualTo("ready");
            assertThat(statusApi.getJson("/status").path("configuration_hash").asText())
                    .as("the data plane runs the DB-less node's configuration")
                    .isEqualTo(new AdminClient(cluster.nodes().get(0).url()).getJson("/status").path("configuration_hash").asText());
            for (DemoNode node : cluster.nodes()) {
                assertThat(new AdminClient(node.url()).getJson("/certificates").path("data")).as(node.name()).hasSize(2);
            }
        }
    }

    @Test
    void with_a_short_flap_period_demo_kong_3_goes_down_and_comes_back_restarted_while_the_others_stay_up()
            throws InterruptedException {
        try (DemoCluster cluster = DemoCluster.start(Duration.ofSeconds(1), Duration.ofMillis(500))) {
            DemoNode flapping = cluster.nodes().get(2);
            AdminClient flappingClient = new AdminClient(flapping.url());
            AdminClient steadyClient = new AdminClient(cluster.nodes().get(0).url());
            Set<String> nodeIds = new HashSet<>();
            boolean sawRefusal = false;

            long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < deadline && !(sawRefusal && nodeIds.size() >= 2)) {
                try {
                    JsonNode root = flappingClient.trySend("GET", "/").json();
                    nodeIds.add(root.path("node_id").asText());
                } catch (IOException refused) {
                    sawRefusal = true;
                    assertThat(steadyClient.get("/status").status()).isEqualTo(200);
                }
                Thread.sleep(40);
            }

            assertThat(sawRefusal).as("demo-kong-3 refused connections at some point").isTrue();
            assertThat(nodeIds).as("demo-kong-3 came back with a new node_id").hasSizeGreaterThanOrEqualTo(2);
            assertThat(cluster.nodes().get(2).url()).isEqualTo(flapping.url());
        }
    }

    @Test
    void the_default_demo_flaps_every_two_minutes_for_twenty_seconds() {
        assertThat(DemoCluster.DEFAULT_FLAP_PERIOD).isEqualTo(Duration.ofMinutes(2));
        assertThat(DemoCluster.DEFAULT_DOWN_TIME).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void a_down_time_not_shorter_than_the_flap_period_is_refused() {
        assertThatThrownBy(() -> DemoCluster.start(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be shorter than flap period");
        assertThatThrownBy(() -> DemoCluster.start(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertNode(DemoNode node, String version, String database, String role, int workers) {
        JsonNode root = new AdminClient(node.url()).getJson("/");
        assertThat(root.path("version").asText()).as(node.name()).isEqualTo(version);
        assertThat(root.path("hostname").asText()).isEqualTo(node.name());
        assertThat(root.path("configuration").path("database").asText()).as(node.name()).isEqualTo(database);
        assertThat(root.path("configuration").path("role").asText()).as(node.name()).isEqualTo(role);
        assertThat(root.path("pids").path("workers")).as(node.name()).hasSize(workers);
    }
}
