package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongsimulator.support.AdminClient;
import io.kongsimulator.support.Nodes;
import io.kongsimulator.support.Profiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingTest {

    private SimulatedKongNode node;
    private AdminClient client;

    @BeforeAll
    void startNode() {
        node = Nodes.started(Profiles.kong39Postgres());
        client = new AdminClient(node.baseUrl());
    }

    @AfterAll
    void stopNode() {
        node.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void other_methods_than_get_answer_405_with_kongs_message(String method) {
        AdminClient.Reply reply = client.send(method, "/status");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.json().path("message").asText()).isEqualTo("Method not allowed");
        assertThat(reply.contentType()).isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void an_unknown_path_answers_404_with_kongs_message() {
        AdminClient.Reply reply = client.get("/services/nope");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("message").asText()).isEqualTo("Not found");
        assertThat(reply.server()).isEqualTo("kong/3.9.1");
    }

    @Test
    void an_unknown_path_answers_404_whatever_the_method() {
        assertThat(client.send("DELETE", "/nothing/here").status()).isEqualTo(404);
    }

    @Test
    void a_trailing_slash_reaches_the_same_endpoint() {
        assertThat(client.get("/status/").status()).isEqualTo(200);
    }

    @Test
    void a_non_control_plane_refuses_the_data_planes_list_with_400() {
        AdminClient.Reply reply = client.get("/clustering/data-planes");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asText()).isEqualTo(
                "this endpoint is only available when Kong is configured to run as Control Plane for the cluster");
    }
}
