package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kongfixtures.Fixtures;
import io.kongsimulator.support.AdminClient;
import io.kongsimulator.support.JsonShape;
import io.kongsimulator.support.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Status API of a data plane and the Admin API's {@code /certificates}, against Kong's source and the fixtures:
 * <ul>
 *   <li>{@code kong/status/init.lua} (3.9) attaches {@code kong/api/routes/health.lua} ({@code /status}),
 *       {@code kong/status/ready.lua} ({@code /status/ready}) and {@code kong/api/routes/dns.lua}; no {@code GET /},
 *       so anything else is {@code api_helpers.handle_404}'s {@code {"message":"Not found"}}.</li>
 *   <li>{@code kong/status/ready.lua}: {@code 200 {message = "ready"}}; a DB-less node or data plane without a
 *       configuration answers {@code 503 {message = "no configuration available"}}, a traditional node whose router
 *       is not built {@code 503 {message = "router builds not yet complete"}}; a control plane is always ready.</li>
 *   <li>{@code /certificates}: the entity {@code kong/db/schema/entities/certificates.lua} (id, created_at,
 *       updated_at, cert, key, cert_alt, key_alt, tags) with {@code snis} added by {@code kong/db/dao/certificates.lua},
 *       paginated by {@code kong/api/endpoints.lua} ({@code data}, {@code next}); fixtures
 *       {@code certificates-3.9.json} and {@code certificates-3.9-page-2.json}.</li>
 * </ul>
 */
class StatusApiAndCertificatesTest {

    private static final JsonShape SHAPE = JsonShape.withNameMaps("memory.lua_shared_dicts");
    private static final NodeProfile DATA_PLANE = NodeProfile.of("dp-1", "3.9.1", NodeProfile.Database.OFF,
            NodeProfile.Role.DATA_PLANE, 2);

    @Test
    void a_data_plane_on_its_status_api_answers_status_and_status_ready_like_kong_3_9_and_404_to_the_rest() {
        try (SimulatedKongNode node = started(DATA_PLANE, Listener.STATUS_API, Scenario.defaults())) {
            AdminClient client = new AdminClient(node.baseUrl());

            JsonNode status = client.getJson("/status");
            assertThat(SHAPE.of(status)).isEqualTo(SHAPE.of(Fixtures.adminApiJson("status-3.9-data-plane.json")));
            assertThat(status.path("configuration_hash").asText()).matches("[0-9a-f]{32}").isNotEqualTo(ConfigHash.NONE);
            assertThat(client.getJson("/status/ready")).isEqualTo(Fixtures.adminApiJson("status-ready-200.json"));
            for (String path : List.of("/", "/certificates", "/upstreams", "/clustering/data-planes")) {
                AdminClient.Reply reply = client.get(path);
                assertThat(reply.status()).as(path).isEqualTo(404);
                assertThat(reply.json().path("message").asText()).isEqualTo("Not found");
            }
        }
    }

    @Test
    void an_admin_api_answers_certificates_page_by_page_like_kong_3_9_and_has_no_status_ready() {
        JsonNode page1 = Fixtures.adminApiJson("certificates-3.9.json");
        JsonNode page2 = Fixtures.adminApiJson("certificates-3.9-page-2.json");
        try (SimulatedKongNode node = started(NodeProfile.of("cp", "3.9.1", NodeProfile.Database.POSTGRES,
                NodeProfile.Role.TRADITIONAL, 2), Listener.ADMIN_API, Scenario.defaults())) {
            AdminClient client = new AdminClient(node.baseUrl());

            JsonNode all = client.getJson("/certificates");
            assertThat(all.path("data")).hasSize(2);
            assertThat(all.path("next").isNull()).isTrue();
            JsonNode first = client.getJson("/certificates?size=1");
            JsonNode second = client.getJson(first.path("next").asText());
            assertThat(SHAPE.of(first)).isEqualTo(SHAPE.of(page1));
            assertThat(SHAPE.of(second)).isEqualTo(SHAPE.of(page2));
            for (JsonNode[] pair : List.of(new JsonNode[] {first, page1}, new JsonNode[] {second, page2})) {
                JsonNode served = pair[0].path("data").path(0);
                JsonNode fixture = pair[1].path("data").path(0);
                for (String field : List.of("id", "created_at", "updated_at", "cert", "cert_alt", "key_alt", "tags", "snis")) {
                    assertThat(served.path(field)).as(field).isEqualTo(fixture.path(field));
                }
            }
            assertThat(client.get("/status/ready").status()).isEqualTo(404);
        }
    }

    @Test
    void a_restarted_node_answers_503_on_status_ready_until_its_router_is_built() {
        SteppingClock clock = new SteppingClock(Instant.parse("2026-11-29T12:00:00Z"));
        Scenario scenario = new Scenario(3L, clock, Duration.ofMinutes(10), Duration.ofMinutes(3));
        try (SimulatedKongNode node = started(DATA_PLANE, Listener.STATUS_API, scenario)) {
            AdminClient client = new AdminClient(node.baseUrl());
            assertThat(client.get("/status/ready").status()).as("up for days").isEqualTo(200);

            node.goDown();
            node.comeBack();
            List<Integer> answers = new ArrayList<>();
            AdminClient.Reply notReady = client.get("/status/ready");
            answers.add(notReady.status());
            clock.advance(Duration.ofSeconds(6));
            answers.add(client.get("/status/ready").status());

            assertThat(answers).containsExactly(503, 200);
            assertThat(SHAPE.of(notReady.json())).isEqualTo(SHAPE.of(Fixtures.adminApiJson("status-ready-503-no-config.json")));
            assertThat(notReady.json().path("message").asText()).isEqualTo("no configuration available");
        }
    }

    private static SimulatedKongNode started(NodeProfile profile, Listener listener, Scenario scenario) {
        SimulatedKongNode node = new SimulatedKongNode(profile, listener, scenario, null);
        node.start();
        return node;
    }
}
