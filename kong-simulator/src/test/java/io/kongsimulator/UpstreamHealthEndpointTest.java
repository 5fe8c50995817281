package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kongsimulator.support.AdminClient;
import io.kongsimulator.support.JsonShape;
import io.kongsimulator.support.Nodes;
import io.kongsimulator.support.Profiles;
import io.kongsimulator.support.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamHealthEndpointTest {

    private static final Duration FLIP = Duration.ofMinutes(3);

    private final SteppingClock clock = new SteppingClock(Instant.parse("2025-06-17T10:00:00Z"));
    private SimulatedKongNode node;
    private AdminClient client;

    @BeforeEach
    void startNode() {
        node = Nodes.started(Profiles.kong39Postgres(),
                new Scenario(11L, clock, Duration.ofMinutes(10), FLIP));
        client = new AdminClient(node.baseUrl());
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void upstreams_are_one_page_of_two_with_id_and_name() {
        JsonNode upstreams = client.getJson("/upstreams");

        assertThat(upstreams.path("next").isNull()).isTrue();
        assertThat(upstreams.path("data")).hasSize(2).allSatisfy(upstream -> {
            assertThat(upstream.path("id").asText()).hasSize(36);
            assertThat(upstream.path("name").asText()).endsWith("-upstream");
        });
    }

    @Test
    void health_has_kongs_shape_for_every_target() {
        JsonShape shape = JsonShape.withNameMaps();
        Set<String> expected = Set.of("$=OBJECT", "created_at=NUMBER", "data=OBJECT", "data.addresses=ARRAY",
                "data.addresses[]=OBJECT", "data.addresses[].health=STRING", "data.addresses[].ip=STRING",
                "data.addresses[].port=NUMBER", "data.addresses[].weight=NUMBER", "data.dns=STRING",
                "data.host=STRING", "data.nodeWeight=NUMBER", "data.port=NUMBER", "data.weight=OBJECT",
                "data.weight.available=NUMBER", "data.weight.total=NUMBER", "data.weight.unavailable=NUMBER",
                "health=STRING", "id=STRING", "tags=NULL", "target=STRING", "updated_at=NUMBER",
                "upstream=OBJECT", "upstream.id=STRING", "weight=NUMBER");

        JsonNode health = client.getJson("/upstreams/orders-upstream/health");

        assertThat(health.path("node_id").asText()).isEqualTo(node.nodeId());
        assertThat(health.path("total").asInt()).isEqualTo(3);
        assertThat(health.path("next").isNull()).isTrue();
        assertThat(health.path("data")).hasSize(3)
                .allSatisfy(target -> assertThat(shape.of(target)).isEqualTo(expected));
    }

    @Test
    void health_is_found_by_upstream_id_too() {
        JsonNode first = client.getJson("/upstreams").path("data").get(0);

        JsonNode health = client.getJson("/upstreams/" + first.path("id").asText() + "/health");

        assertThat(health.path("data").get(0).path("upstream").path("id").asText())
                .isEqualTo(first.path("id").asText());
    }

    @Test
    void an_unknown_upstream_answers_404() {
        assertThat(client.get("/upstreams/nope/health").status()).isEqualTo(404);
    }

    @Test
    void targets_show_all_four_health_values_and_one_flaps_every_flip_period() {
        Map<String, String> now = healthByTarget();
        clock.advance(FLIP);
        Map<String, String> later = healthByTarget();
        clock.advance(FLIP);
        Map<String, String> evenLater = healthByTarget();

        Set<String> values = new HashSet<>(now.values());
        values.addAll(later.values());
        assertThat(values).containsExactlyInAnyOrder("HEALTHY", "UNHEALTHY", "DNS_ERROR", "HEALTHCHECKS_OFF");
        assertThat(now.get("10.0.1.6:8080")).isNotEqualTo(later.get("10.0.1.6:8080"))
                .isEqualTo(evenLater.get("10.0.1.6:8080"));
        assertThat(now.get("10.0.1.5:8080")).isEqualTo(later.get("10.0.1.5:8080")).isEqualTo("HEALTHY");
    }

    @Test
    void an_unhealthy_target_has_no_available_weight_and_a_dns_error_has_no_addresses() {
        JsonNode flapping = target("orders-upstream", "10.0.1.6:8080");
        if (flapping.path("health").asText().equals("HEALTHY")) {
            clock.advance(FLIP);
            flapping = target("orders-upstream", "10.0.1.6:8080");
        }
        JsonNode unresolved = target("payments-upstream", "payments-legacy.internal:8443");

        assertThat(flapping.path("health").asText()).isEqualTo("UNHEALTHY");
        assertThat(flapping.path("data").path("weight").path("available").asInt()).isZero();
        assertThat(flapping.path("data").path("addresses").get(0).path("health").asText()).isEqualTo("UNHEALTHY");
        assertThat(unresolved.path("health").asText()).isEqualTo("DNS_ERROR");
        assertThat(unresolved.path("data").path("addresses")).isEmpty();
    }

    private Map<String, String> healthByTarget() {
        Map<String, String> health = new HashMap<>();
        for (String upstream : new String[] {"orders-upstream", "payments-upstream"}) {
            client.getJson("/upstreams/" + upstream + "/health").path("data")
                    .forEach(target -> health.put(target.path("target").asText(), target.path("health").asText()));
        }
        return health;
    }

    private JsonNode target(String upstream, String target) {
        for (JsonNode entry : client.getJson("/upstreams/" + upstream + "/health").path("data")) {
            if (entry.path("target").asText().equals(target)) {
                return entry;
            }
        }
        throw new AssertionError(target + " not in " + upstream);
    }
}
