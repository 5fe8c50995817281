package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kongsimulator.support.AdminClient;
import io.kongsimulator.support.Nodes;
import io.kongsimulator.support.Profiles;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class NodeLifecycleTest {

    @Test
    void a_started_node_listens_on_loopback_and_says_it_is_up() {
        try (SimulatedKongNode node = Nodes.started(Profiles.kong39Postgres())) {
            assertThat(node.isUp()).isTrue();
            assertThat(node.baseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(node.name()).isEqualTo("test-kong-39-postgres");
            assertThat(new AdminClient(node.baseUrl()).get("/status").status()).isEqualTo(200);
        }
    }

    @Test
    void a_node_that_went_down_refuses_connections() {
        try (SimulatedKongNode node = Nodes.started(Profiles.kong39Postgres())) {
            URI url = node.baseUrl();

            node.goDown();

            assertThat(node.isUp()).isFalse();
            assertThatThrownBy(() -> connect(url)).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> new AdminClient(url).trySend("GET", "/status"))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void a_node_that_comes_back_answers_on_the_same_port_as_a_restarted_node() throws InterruptedException {
        try (SimulatedKongNode node = Nodes.started(Profiles.kong28Dbless())) {
            URI url = node.baseUrl();
            AdminClient client = new AdminClient(url);
            JsonNode rootBefore = client.getJson("/");
            JsonNode serverBefore = client.getJson("/status").path("server");

            node.goDown();
            Thread.sleep(50);
            node.comeBack();

            assertThat(node.isUp()).isTrue();
            assertThat(node.baseUrl()).isEqualTo(url);
            JsonNode rootAfter = client.getJson("/");
            JsonNode serverAfter = client.getJson("/status").path("server");
            assertThat(rootAfter.path("node_id").asText()).isNotEqualTo(rootBefore.path("node_id").asText())
                    .isEqualTo(node.nodeId());
            assertThat(rootAfter.path("pids").path("master").asLong())
                    .isNotEqualTo(rootBefore.path("pids").path("master").asLong());
            assertThat(rootAfter.path("pids").path("workers").get(0).asLong())
                    .isNotEqualTo(rootBefore.path("pids").path("workers").get(0).asLong());
            assertThat(rootAfter.path("pids").path("workers")).hasSize(4);
            assertThat(serverBefore.path("total_requests").asLong()).isGreaterThan(1_000_000);
            assertThat(serverAfter.path("total_requests").asLong()).isLessThan(1_000);
            assertThat(serverAfter.path("connections_accepted").asLong())
                    .isLessThan(serverBefore.path("connections_accepted").asLong())
                    .isLessThan(200);
        }
    }

    @Test
    void going_down_twice_and_coming_back_twice_are_harmless() {
        try (SimulatedKongNode node = Nodes.started(Profiles.kong39Postgres())) {
            String nodeId = node.nodeId();
            node.comeBack();
            assertThat(node.nodeId()).as("coming back while up is no restart").isEqualTo(nodeId);

            node.goDown();
            node.goDown();
            node.comeBack();
            node.comeBack();

            assertThat(node.isUp()).isTrue();
            assertThat(new AdminClient(node.baseUrl()).get("/").status()).isEqualTo(200);
        }
    }

    @Test
    void a_closed_node_refuses_connections_and_cannot_come_back() {
        SimulatedKongNode node = Nodes.started(Profiles.kong39Postgres());
        URI url = node.baseUrl();

        node.close();

        assertThat(node.isUp()).isFalse();
        assertThatThrownBy(() -> connect(url)).isInstanceOf(ConnectException.class);
        assertThatThrownBy(node::comeBack).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_node_cannot_be_used_before_it_is_started() {
        try (SimulatedKongNode node = new SimulatedKongNode(Profiles.kong39Postgres())) {
            assertThat(node.isUp()).isFalse();
            assertThatThrownBy(node::baseUrl).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(node::goDown).isInstanceOf(IllegalStateException.class);
        }
    }

    private static void connect(URI url) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000);
        }
    }
}
