package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kongsimulator.support.AdminClient;
import io.kongsimulator.support.JsonShape;
import io.kongsimulator.support.Nodes;
import io.kongsimulator.support.Profiles;
import io.kongfixtures.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeInfoEndpointTest {

    /** kong.conf differs per deployment, so {@code configuration} is compared by the keys we promise instead. */
    private static final JsonShape ROOT_SHAPE = JsonShape.withNameMaps("plugins.available_on_server")
            .ignoringInside("configuration");

    private SimulatedKongNode dbless28;
    private SimulatedKongNode controlPlane39;

    @BeforeAll
    void startNodes() {
        dbless28 = Nodes.started(Profiles.kong28Dbless());
        controlPlane39 = Nodes.started(Profiles.kong39ControlPlane());
    }

    @AfterAll
    void stopNodes() {
        dbless28.close();
        controlPlane39.close();
    }

    @Test
    void a_2_8_node_has_the_shape_of_the_2_8_fixture() {
        JsonNode root = new AdminClient(dbless28.baseUrl()).getJson("/");

        assertThat(ROOT_SHAPE.of(root)).isEqualTo(ROOT_SHAPE.of(Fixtures.adminApiJson("root-2.8.json")));
        assertThat(root.has("edition")).isFalse();
        assertThat(root.path("version").asText()).isEqualTo("2.8.4");
    }

    @Test
    void a_3_9_node_has_the_shape_of_the_3_9_fixture() {
        JsonNode root = new AdminClient(controlPlane39.baseUrl()).getJson("/");

        assertThat(ROOT_SHAPE.of(root)).isEqualTo(ROOT_SHAPE.of(Fixtures.adminApiJson("root-3.9.json")));
        assertThat(root.path("edition").asText()).isEqualTo("community");
        assertThat(root.path("plugins").path("available_on_server").path("prometheus").path("version").asText())
                .isEqualTo("3.9.1");
    }

    @Test
    void identity_matches_the_node() {
        JsonNode root = new AdminClient(controlPlane39.baseUrl()).getJson("/");

        assertThat(root.path("tagline").asText()).isEqualTo("Welcome to kong");
        assertThat(root.path("hostname").asText()).isEqualTo(controlPlane39.name());
        assertThat(root.path("node_id").asText()).isEqualTo(controlPlane39.nodeId())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(root.path("pids").path("workers")).hasSize(2);
    }

    @Test
    void configuration_names_database_role_and_listeners_and_redacts_the_postgres_password() {
        JsonNode postgres = new AdminClient(controlPlane39.baseUrl()).getJson("/").path("configuration");
        JsonNode dbless = new AdminClient(dbless28.baseUrl()).getJson("/").path("configuration");

        assertThat(postgres.path("database").asText()).isEqualTo("postgres");
        assertThat(postgres.path("role").asText()).isEqualTo("control_plane");
        assertThat(postgres.path("pg_password").asText()).isEqualTo("******");
        assertThat(postgres.path("admin_listen").get(0).asText())
                .startsWith("127.0.0.1:" + controlPlane39.baseUrl().getPort() + " ");
        assertThat(postgres.has("proxy_listen")).isTrue();
        assertThat(postgres.has("status_listen")).isTrue();
        assertThat(dbless.path("database").asText()).isEqualTo("off");
        assertThat(dbless.path("role").asText()).isEqualTo("traditional");
        assertThat(dbless.has("pg_password")).isFalse();
    }
}
