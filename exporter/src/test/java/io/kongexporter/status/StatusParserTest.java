package io.kongexporter.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kongfixtures.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusParserTest {

    /** What each Kong generation's /status must parse into. */
    record Expected(String file, long active, long accepted, long requests, DatabaseState database, String hash,
                    int dicts, int workers, String someDict, long someDictBytes, long someDictCapacity) {}

    static Stream<Arguments> fixtures() {
        return Stream.of(
                new Expected("status-0.10-postgres-entity-counts.json", 7, 9120, 38214, DatabaseState.NOT_REPORTED, null, 0, 0, null, 0, 0),
                new Expected("status-0.14-postgres.json", 23, 184466, 1920341, DatabaseState.REACHABLE, null, 0, 0, null, 0, 0),
                new Expected("status-2.8-postgres.json", 61, 5502117, 48830056, DatabaseState.REACHABLE, null, 11, 2,
                        "kong_core_db_cache", Math.round(0.83 * 1048576), 128L << 20),
                new Expected("status-2.8-dbless.json", 9, 77310, 612445, DatabaseState.REACHABLE, "b5a04c4e6e9d1f5f3c2a0d7e8b914a6c", 15, 4,
                        "kong_db_cache_2", Math.round(0.01 * 1048576), 128L << 20),
                new Expected("status-3.9-dbless.json", 38, 1304417, 20577931, DatabaseState.NOT_REPORTED, "e7c4d1a95f0b3826b4f1d9c07a2e5b63", 11, 4,
                        "kong_secrets", Math.round(0.04 * 1048576), 5L << 20),
                new Expected("status-3.9-dbless-no-config-yet.json", 1, 3, 3, DatabaseState.NOT_REPORTED, "00000000000000000000000000000000", 11, 2,
                        "kong", Math.round(0.04 * 1048576), 5L << 20),
                new Expected("status-3.9-data-plane.json", 17, 880012, 9911873, DatabaseState.NOT_REPORTED, "4d3b2a19f8e7c6d5b4a3928170f6e5d4", 11, 2,
                        "prometheus_metrics", Math.round(0.31 * 1048576), 5L << 20),
                new Expected("status-3.9-postgres-db-unreachable.json", 41, 1304501, 20579012, DatabaseState.UNREACHABLE, null, 11, 4,
                        "kong_locks", Math.round(0.06 * 1048576), 8L << 20),
                new Expected("status-3.9-postgres-unit-b.json", 38, 1304417, 20577931, DatabaseState.REACHABLE, null, 11, 2,
                        "prometheus_metrics", 325058, 5242880)
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parses_every_kong_generation_of_status(Expected e) throws Exception {
        KongStatus status = StatusParser.parse(Fixtures.adminApi(e.file()));

        assertThat(status.server().connectionsActive()).isEqualTo(e.active());
        assertThat(status.server().connectionsActive()).isEqualTo(status.server().connectionsReading()
                + status.server().connectionsWriting() + status.server().connectionsWaiting());
        assertThat(status.server().connectionsAccepted()).isEqualTo(e.accepted());
        assertThat(status.server().connectionsHandled()).isEqualTo(e.accepted());
        assertThat(status.server().totalRequests()).isEqualTo(e.requests());
        assertThat(status.database()).isEqualTo(e.database());
        assertThat(status.configurationHash()).isEqualTo(e.hash());
        assertThat(status.sharedDicts()).hasSize(e.dicts());
        assertThat(status.workerVms()).hasSize(e.workers());
        assertThat(status.memoryError()).isNull();
        if (e.someDict() != null) {
            assertThat(status.sharedDicts()).contains(new SharedDict(e.someDict(), e.someDictBytes(), e.someDictCapacity()));
        }
        assertThat(status.workerVms()).isSortedAccordingTo(java.util.Comparator.comparingLong(WorkerVm::pid));
    }

    @Test
    void every_status_fixture_in_the_shared_folder_is_covered_by_the_table() throws IOException {
        List<String> covered = fixtures().map(a -> ((Expected) a.get()[0]).file()).toList();
        try (Stream<Path> files = Files.list(Fixtures.dir().resolve("admin-api"))) {
            List<String> statusBodies = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("status-") && !n.startsWith("status-ready") && !n.startsWith("status-invalid"))
                    .toList();
            assertThat(covered).containsExactlyInAnyOrderElementsOf(statusBodies);
        }
    }

    @Test
    void reads_worker_memory_in_mib_strings_and_in_bytes() throws Exception {
        KongStatus mib = StatusParser.parse(Fixtures.adminApi("status-2.8-postgres.json"));
        assertThat(mib.workerVms()).containsExactly(new WorkerVm(1203, Math.round(41.27 * 1048576)), new WorkerVm(1204, Math.round(40.05 * 1048576)));
        KongStatus bytes = StatusParser.parse(Fixtures.adminApi("status-3.9-postgres-unit-b.json"));
        assertThat(bytes.workerVms()).containsExactly(new WorkerVm(1257, 64946176), new WorkerVm(1258, 63354880));
    }

    @Test
    void skips_a_worker_that_reports_err_and_keeps_the_others() throws Exception {
        KongStatus status = StatusParser.parse(json("""
                {"server":{"connections_active":1,"connections_reading":0,"connections_writing":1,"connections_waiting":0,
                  "connections_accepted":5,"connections_handled":5,"total_requests":9},
                 "memory":{"lua_shared_dicts":{},"workers_lua_vms":[
                   {"pid":12,"http_allocated_gc":"10.00 MiB"},
                   {"pid":13,"err":"could not get worker's HTTP Lua VM memory (pid: 13): no memory"}]}}
                """));
        assertThat(status.workerVms()).containsExactly(new WorkerVm(12, 10L << 20));
        assertThat(status.memoryError()).contains("no memory");
    }

    @Test
    void reports_kongs_error_when_worker_memory_is_unreadable_as_a_whole() throws Exception {
        KongStatus status = StatusParser.parse(json("""
                {"server":{"connections_active":1,"connections_reading":0,"connections_writing":1,"connections_waiting":0,
                  "connections_accepted":5,"connections_handled":5,"total_requests":9},
                 "memory":{"lua_shared_dicts":{"kong":{"allocated_slabs":"1.50 KiB","capacity":"5.00 MiB"}},
                           "workers_lua_vms":{"err":"failed to get shm keys: no memory"}}}
                """));
        assertThat(status.workerVms()).isEmpty();
        assertThat(status.memoryError()).isEqualTo("failed to get shm keys: no memory");
        assertThat(status.sharedDicts()).containsExactly(new SharedDict("kong", 1536, 5L << 20));
    }

    @Test
    void parses_sizes_in_every_unit_kong_prints() throws Exception {
        assertThat(MemorySize.bytes(new com.fasterxml.jackson.databind.node.TextNode("12.00 MiB"), "x")).isEqualTo(12L << 20);
        assertThat(MemorySize.bytes(new com.fasterxml.jackson.databind.node.TextNode("0.50 KiB"), "x")).isEqualTo(512);
        assertThat(MemorySize.bytes(new com.fasterxml.jackson.databind.node.TextNode("1.00 GiB"), "x")).isEqualTo(1L << 30);
        assertThat(MemorySize.bytes(new com.fasterxml.jackson.databind.node.TextNode("4096"), "x")).isEqualTo(4096);
        assertThat(MemorySize.bytes(new com.fasterxml.jackson.databind.node.IntNode(77), "x")).isEqualTo(77);
        assertThatThrownBy(() -> MemorySize.bytes(new com.fasterxml.jackson.databind.node.TextNode("lots"), "x"))
                .isInstanceOf(KongParseException.class).hasMessageContaining("lots");
    }

    @Test
    void rejects_garbage_with_a_parse_error_that_says_what_is_wrong() {
        assertThatThrownBy(() -> StatusParser.parse(json("<html>502 Bad Gateway</html>")))
                .isInstanceOf(KongParseException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> StatusParser.parse(json("[1,2,3]")))
                .isInstanceOf(KongParseException.class).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> StatusParser.parse(Fixtures.adminApi("status-ready-200.json")))
                .isInstanceOf(KongParseException.class).hasMessageContaining("/status.server");
        assertThatThrownBy(() -> StatusParser.parse(json("{\"server\":{\"connections_active\":\"many\"}}")))
                .isInstanceOf(KongParseException.class).hasMessageContaining("connections_active");
        assertThatThrownBy(() -> StatusParser.parse(new byte[0]))
                .isInstanceOf(KongParseException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> StatusParser.parse(json("{\"server\":" + "[".repeat(500) + "]".repeat(500) + "}")))
                .isInstanceOf(KongParseException.class);
    }

    @Test
    void truncated_status_is_a_parse_error() {
        byte[] full = Fixtures.adminApi("status-3.9-dbless.json");
        byte[] half = java.util.Arrays.copyOf(full, full.length / 2);
        assertThatThrownBy(() -> StatusParser.parse(half)).isInstanceOf(KongParseException.class);
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
