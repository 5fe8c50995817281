package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kongsimulator.support.AdminClient;
import io.kongsimulator.support.JsonShape;
import io.kongsimulator.support.Nodes;
import io.kongsimulator.support.Profiles;
import io.kongsimulator.support.SteppingClock;
import io.kongfixtures.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataPlanesEndpointTest {

    private final SteppingClock clock = new SteppingClock(Instant.parse("2025-06-17T10:00:00Z"));
    private SimulatedKongNode controlPlane;
    private AdminClient client;

    @BeforeEach
    void startControlPlane() {
        controlPlane = Nodes.started(Profiles.kong39ControlPlane(),
                new Scenario(5L, clock, Duration.ofMinutes(10), Duration.ofMinutes(3)));
        client = new AdminClient(controlPlane.baseUrl());
    }

    @AfterEach
    void stopControlPlane() {
        controlPlane.close();
    }

    @Test
    void every_data_plane_has_the_shape_of_its_counterpart_in_the_3_9_fixture() {
        JsonNode fixture = Fixtures.adminApiJson("clustering-data-planes-3.9.json");
        JsonShape shape = JsonShape.withNameMaps();

        JsonNode page = client.getJson("/clustering/data-planes");

        assertThat(shape.of(page.path("next"))).isEqualTo(shape.of(fixture.path("next")));
        assertThat(page.path("data")).hasSameSizeAs(fixture.path("data"));
        for (int i = 0; i < fixture.path("data").size(); i++) {
            assertThat(shape.of(page.path("data").get(i))).as("data plane %d", i)
                    .isEqualTo(shape.of(fixture.path("data").get(i)));
        }
    }

    @Test
    void two_data_planes_are_current_and_the_canary_is_incompatible_and_stale() {
        long now = clock.millis() / 1000;
        JsonNode status = client.getJson("/status");

        JsonNode data = client.getJson("/clustering/data-planes").path("data");

        assertThat(status.has("configuration_hash")).as("a Postgres control plane has no hash").isFalse();
        for (JsonNode current : List.of(data.get(0), data.get(1))) {
            assertThat(current.path("sync_status").asText()).isEqualTo("normal");
            assertThat(current.path("last_seen").asLong()).isBetween(now - 30, now);
            assertThat(current.path("config_hash").asText()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        }
        assertThat(data.get(0).path("config_hash")).isEqualTo(data.get(1).path("config_hash"));
        JsonNode canary = data.get(2);
        assertThat(canary.path("sync_status").asText()).isEqualTo("kong_version_incompatible");
        assertThat(canary.path("version").asText()).isEqualTo("3.10.0");
        assertThat(canary.path("last_seen").asLong()).isLessThan(now - 3600);
    }

    @Test
    void current_data_planes_are_seen_again_every_30_seconds_and_the_canary_is_not() {
        JsonNode before = client.getJson("/clustering/data-planes").path("data");
        clock.advance(Duration.ofSeconds(30));
        JsonNode after = client.getJson("/clustering/data-planes").path("data");

        assertThat(after.get(0).path("last_seen").asLong()).isEqualTo(before.get(0).path("last_seen").asLong() + 30);
        assertThat(after.get(1).path("ttl").asLong()).isEqualTo(before.get(1).path("ttl").asLong());
        assertThat(after.get(2).path("last_seen")).isEqualTo(before.get(2).path("last_seen"));
        assertThat(after.get(2).path("ttl").asLong()).isEqualTo(before.get(2).path("ttl").asLong() - 30);
    }

    @Test
    void pages_follow_next_until_it_is_null() {
        List<String> hostnames = new ArrayList<>();

        JsonNode first = client.getJson("/clustering/data-planes?size=2");
        first.path("data").forEach(dp -> hostnames.add(dp.path("hostname").asText()));
        String next = first.path("next").asText();
        JsonNode second = client.getJson(next);
        second.path("data").forEach(dp -> hostnames.add(dp.path("hostname").asText()));

        assertThat(first.path("data")).hasSize(2);
        assertThat(next).startsWith("/clustering/data-planes?offset=");
        assertThat(second.path("next").isNull()).isTrue();
        assertThat(hostnames).containsExactly("kong-dp-0", "kong-dp-1", "kong-dp-canary");
    }

    @Test
    void a_page_of_one_links_to_the_rest() {
        JsonNode first = client.getJson("/clustering/data-planes?size=1");
        JsonNode second = client.getJson(first.path("next").asText() + "&size=1");

        assertThat(second.path("data").get(0).path("hostname").asText()).isEqualTo("kong-dp-1");
        assertThat(second.path("next").isTextual()).isTrue();
    }

    @Test
    void a_bad_size_or_offset_answers_400() {
        assertThat(client.get("/clustering/data-planes?size=0").status()).isEqualTo(400);
        assertThat(client.get("/clustering/data-planes?size=1001").status()).isEqualTo(400);
        assertThat(client.get("/clustering/data-planes?size=ten").status()).isEqualTo(400);
        assertThat(client.get("/clustering/data-planes?offset=%25%25").json().path("message").asText())
                .contains("is not a valid offset");
    }
}
