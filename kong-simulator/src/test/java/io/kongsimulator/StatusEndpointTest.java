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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusEndpointTest {

    private static final JsonShape STATUS_SHAPE = JsonShape.withNameMaps("memory.lua_shared_dicts");

    private SimulatedKongNode dbless28;
    private SimulatedKongNode postgres39;
    private SimulatedKongNode controlPlane39;
    private AdminClient dbless28Client;
    private AdminClient postgres39Client;

    @BeforeAll
    void startNodes() {
        dbless28 = Nodes.started(Profiles.kong28Dbless());
        postgres39 = Nodes.started(Profiles.kong39Postgres());
        controlPlane39 = Nodes.started(Profiles.kong39ControlPlane());
        dbless28Client = new AdminClient(dbless28.baseUrl());
        postgres39Client = new AdminClient(postgres39.baseUrl());
    }

    @AfterAll
    void stopNodes() {
        dbless28.close();
        postgres39.close();
        controlPlane39.close();
    }

    @Test
    void a_2_8_dbless_node_has_the_shape_of_the_2_8_dbless_fixture() {
        JsonNode fixture = Fixtures.adminApiJson("status-2.8-dbless.json");

        JsonNode status = dbless28Client.getJson("/status");

        assertThat(STATUS_SHAPE.of(status)).isEqualTo(STATUS_SHAPE.of(fixture));
        assertThat(status.path("database").path("reachable").asBoolean()).isTrue();
    }

    @Test
    void a_3_9_postgres_node_in_bytes_has_the_shape_of_the_3_9_unit_b_fixture() {
        JsonNode fixture = Fixtures.adminApiJson("status-3.9-postgres-unit-b.json");

        JsonNode status = postgres39Client.getJson("/status?unit=b");

        assertThat(STATUS_SHAPE.of(status)).isEqualTo(STATUS_SHAPE.of(fixture));
    }

    @Test
    void the_shape_comparison_tells_versions_and_units_apart() {
        JsonNode dbless = Fixtures.adminApiJson("status-2.8-dbless.json");
        JsonNode bytes = Fixtures.adminApiJson("status-3.9-postgres-unit-b.json");

        assertThat(STATUS_SHAPE.of(dbless)).isNotEqualTo(STATUS_SHAPE.of(bytes))
                .contains("configuration_hash=STRING", "memory.lua_shared_dicts.*.capacity=STRING");
        assertThat(STATUS_SHAPE.of(bytes)).contains("memory.lua_shared_dicts.*.capacity=NUMBER")
                .doesNotContain("configuration_hash=STRING");
    }

    @Test
    void a_3_9_control_plane_reports_its_database_and_no_configuration_hash() {
        JsonNode fixture = Fixtures.adminApiJson("status-3.9-postgres-unit-b.json");

        JsonNode status = new AdminClient(controlPlane39.baseUrl()).getJson("/status?unit=b");

        assertThat(STATUS_SHAPE.of(status)).isEqualTo(STATUS_SHAPE.of(fixture));
    }

    @Test
    void shared_dict_names_are_those_of_the_fixture_of_the_same_version() {
        assertThat(dictNames(dbless28Client.getJson("/status")))
                .containsExactlyElementsOf(dictNames(Fixtures.adminApiJson("status-2.8-dbless.json")));
        assertThat(dictNames(postgres39Client.getJson("/status")))
                .containsExactlyElementsOf(dictNames(Fixtures.adminApiJson("status-3.9-postgres-unit-b.json")))
                .contains("kong_secrets", "prometheus_metrics")
                .doesNotContain("kong_process_events");
    }

    @Test
    void counters_never_decrease_between_two_requests() throws InterruptedException {
        JsonNode before = postgres39Client.getJson("/status").path("server");
        Thread.sleep(150);
        JsonNode after = postgres39Client.getJson("/status").path("server");

        for (String counter : List.of("connections_accepted", "connections_handled", "total_requests")) {
            assertThat(after.path(counter).asLong()).as(counter).isGreaterThanOrEqualTo(before.path(counter).asLong());
        }
        assertThat(after.path("total_requests").asLong()).isGreaterThan(before.path("total_requests").asLong());
    }

    @Test
    void active_connections_are_reading_plus_writing_plus_waiting_and_handled_equals_accepted() {
        for (AdminClient client : List.of(dbless28Client, postgres39Client)) {
            JsonNode server = client.getJson("/status").path("server");

            assertThat(server.path("connections_active").asLong()).isEqualTo(
                    server.path("connections_reading").asLong() + server.path("connections_writing").asLong()
                            + server.path("connections_waiting").asLong());
            assertThat(server.path("connections_handled").asLong())
                    .isEqualTo(server.path("connections_accepted").asLong());
            assertThat(server.path("connections_writing").asLong()).isPositive();
        }
    }

    @Test
    void without_a_unit_memory_is_in_mib_strings_and_with_unit_b_in_integer_bytes() {
        JsonNode mib = dbless28Client.getJson("/status").path("memory");
        JsonNode bytes = dbless28Client.getJson("/status?unit=b").path("memory");

        assertThat(memoryValues(mib)).isNotEmpty().allSatisfy(value -> {
            assertThat(value.isTextual()).isTrue();
            assertThat(value.asText()).matches("\\d+\\.\\d{2} MiB");
        });
        assertThat(memoryValues(bytes)).isNotEmpty().allSatisfy(value -> assertThat(value.isIntegralNumber()).isTrue());
        assertThat(mib.path("lua_shared_dicts").path("kong_core_db_cache").path("capacity").asText())
                .isEqualTo("128.00 MiB");
        assertThat(bytes.path("lua_shared_dicts").path("kong_core_db_cache").path("capacity").asLong())
                .isEqualTo(128L * 1024 * 1024);
    }

    @Test
    void other_units_follow_kongs_format() {
        JsonNode kib = postgres39Client.getJson("/status?unit=k").path("memory").path("lua_shared_dicts");
        JsonNode gib = postgres39Client.getJson("/status?unit=G").path("memory").path("lua_shared_dicts");

        assertThat(kib.path("kong").path("capacity").asText()).isEqualTo("5120.00 KiB");
        assertThat(gib.path("kong_db_cache").path("capacity").asText()).isEqualTo("0.13 GiB");
    }

    @Test
    void a_bad_unit_answers_400_with_kongs_message() {
        AdminClient.Reply reply = postgres39Client.get("/status?unit=V");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()).isEqualTo(Fixtures.adminApiJson("status-invalid-unit-400.json"));
    }

    @Test
    void workers_lua_vms_has_one_entry_per_worker_sorted_by_pid_and_matching_the_node_pids() {
        JsonNode vms = dbless28Client.getJson("/status").path("memory").path("workers_lua_vms");
        JsonNode workerPids = dbless28Client.getJson("/").path("pids").path("workers");

        List<Long> pids = new ArrayList<>();
        vms.forEach(vm -> pids.add(vm.path("pid").asLong()));
        List<Long> expected = new ArrayList<>();
        workerPids.forEach(pid -> expected.add(pid.asLong()));
        assertThat(pids).hasSize(4).isSorted().isEqualTo(expected);
    }

    @Test
    void allocated_slabs_stay_below_capacity() {
        JsonNode dicts = postgres39Client.getJson("/status?unit=b").path("memory").path("lua_shared_dicts");

        dicts.forEach(dict -> assertThat(dict.path("allocated_slabs").asLong())
                .isPositive()
                .isLessThanOrEqualTo(dict.path("capacity").asLong()));
    }

    @Test
    void the_configuration_hash_is_shared_by_dbless_nodes_and_changes_after_a_config_push() {
        SteppingClock clock = new SteppingClock(Instant.parse("2025-06-17T10:00:00Z"));
        Scenario scenario = new Scenario(7L, clock, Duration.ofMinutes(10), Duration.ofMinutes(3));
        try (SimulatedKongNode one = Nodes.started(Profiles.kong28Dbless(), scenario);
             SimulatedKongNode two = Nodes.started(Profiles.kong28Dbless(), scenario)) {
            String first = hash(one);

            assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
            assertThat(hash(two)).isEqualTo(first);
            clock.advance(Duration.ofMinutes(4));
            assertThat(hash(one)).isEqualTo(first);
            clock.advance(Duration.ofMinutes(6));
            assertThat(hash(one)).isNotEqualTo(first).isEqualTo(hash(two));
        }
    }

    @Test
    void answers_carry_kongs_content_type_and_server_header() {
        AdminClient.Reply reply = postgres39Client.get("/status");

        assertThat(reply.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(reply.server()).isEqualTo("kong/3.9.1");
        assertThat(dbless28Client.get("/status").server()).isEqualTo("kong/2.8.4");
    }

    private static String hash(SimulatedKongNode node) {
        return new AdminClient(node.baseUrl()).getJson("/status").path("configuration_hash").asText();
    }

    private static List<String> dictNames(JsonNode status) {
        List<String> names = new ArrayList<>();
        status.path("memory").path("lua_shared_dicts").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<JsonNode> memoryValues(JsonNode memory) {
        List<JsonNode> values = new ArrayList<>();
        memory.path("lua_shared_dicts").forEach(dict -> {
            values.add(dict.path("allocated_slabs"));
            values.add(dict.path("capacity"));
        });
        memory.path("workers_lua_vms").forEach(vm -> values.add(vm.path("http_allocated_gc")));
        return values;
    }
}
