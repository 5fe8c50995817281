package io.kongexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The de-duplication table at the scale it is configured for: one million ids of every shape Kong and proxies
 * produce, a burst far above one time bucket's share, and the bound on memory.
 */
class RecentIdsTest {
    private static final int MILLION = 1_000_000;

    /** Kong's own request id: nginx's {@code $request_id}, 32 hex digits (Kong/kong kong/tracing/request_id.lua reads {@code $kong_request_id}). */
    @Test
    void a_million_unique_32_hex_ids_are_all_counted() {
        SplittableRandom random = new SplittableRandom(11);
        assertNoFalseDuplicate(i -> String.format("%016x%016x", random.nextLong(), random.nextLong()));
    }

    /** UUIDs with dashes: Kong/kong kong/plugins/correlation-id/handler.lua ({@code uuid}, {@code uuid#counter}), or a proxy's X-Request-Id. */
    @Test
    void a_million_unique_uuids_with_dashes_are_all_counted() {
        SplittableRandom random = new SplittableRandom(12);
        assertNoFalseDuplicate(i -> new UUID(random.nextLong(), random.nextLong()).toString());
    }

    @Test
    void a_million_unique_ids_of_other_shapes_are_all_counted() {
        SplittableRandom random = new SplittableRandom(13);
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        byte[] bytes = new byte[12];
        assertNoFalseDuplicate(i -> switch ((int) (i % 3)) {
            case 0 -> Long.toString(i * 7919 + 1_700_000_000_000L);
            case 1 -> {
                random.nextBytes(bytes);
                yield base64.encodeToString(bytes);
            }
            default -> new UUID(i, 42).toString() + "#" + i;
        });
    }

    @Test
    void a_burst_inside_the_window_is_remembered_whole_up_to_max_ids() {
        MutableClock clock = new MutableClock();
        RecentIds ids = new RecentIds(Duration.ofMinutes(2), MILLION, clock);
        List<List<LogEntry>> batches = new ArrayList<>();
        for (int b = 0; b < 400; b++) {
            List<LogEntry> batch = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                batch.add(entry(String.format("%032x", (long) b * 1000 + i)));
            }
            batches.add(batch);
        }
        for (List<LogEntry> batch : batches) {
            assertThat(ids.firstDeliveries(batch)).hasSize(1000);
            clock.advance(Duration.ofMillis(4));
        }
        assertThat(ids.size()).isEqualTo(400_000);
        assertThat(ids.full()).isZero();
        clock.advance(Duration.ofSeconds(60));
        int counted = 0;
        for (List<LogEntry> batch : batches) {
            counted += ids.firstDeliveries(batch).size();
        }
        assertThat(counted).as("entries of the burst counted again when re-posted within the window").isZero();
    }

    @Test
    void beyond_max_ids_the_oldest_are_forgotten_first_and_counted_as_unremembered() {
        MutableClock clock = new MutableClock();
        RecentIds ids = new RecentIds(Duration.ofMinutes(2), 1000, clock);
        for (int i = 0; i < 1500; i++) {
            assertThat(ids.firstDeliveries(List.of(entry("id-" + i)))).hasSize(1);
        }
        assertThat(ids.size()).isEqualTo(1000);
        assertThat(ids.full()).isEqualTo(500);
        assertThat(ids.firstDeliveries(List.of(entry("id-1499")))).as("the newest are remembered").isEmpty();
        assertThat(ids.firstDeliveries(List.of(entry("id-500")))).as("the oldest still remembered").isEmpty();
        assertThat(ids.firstDeliveries(List.of(entry("id-0")))).as("forgotten to make room").hasSize(1);
    }

    @Test
    void expired_ids_leave_the_table_and_the_gauge() {
        MutableClock clock = new MutableClock();
        RecentIds ids = new RecentIds(Duration.ofSeconds(60), 1000, clock);
        for (int i = 0; i < 100; i++) {
            ids.firstDeliveries(List.of(entry("a-" + i)));
        }
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 50; i++) {
            ids.firstDeliveries(List.of(entry("b-" + i)));
        }
        assertThat(ids.size()).isEqualTo(150);
        clock.advance(Duration.ofSeconds(32));
        ids.firstDeliveries(List.of());
        assertThat(ids.size()).as("the first hundred are past the window").isEqualTo(50);
        assertThat(ids.firstDeliveries(List.of(entry("b-7")))).isEmpty();
        assertThat(ids.firstDeliveries(List.of(entry("a-7")))).hasSize(1);
        assertThat(ids.full()).isZero();
    }

    @Test
    void an_id_is_forgotten_after_a_silence_longer_than_the_window() {
        MutableClock clock = new MutableClock();
        RecentIds ids = new RecentIds(Duration.ofMinutes(2), 1000, clock);
        List<LogEntry> one = List.of(entry("0123456789abcdef0123456789abcdef"));
        assertThat(ids.firstDeliveries(one)).hasSize(1);
        clock.advance(Duration.ofMinutes(20));
        assertThat(ids.firstDeliveries(one)).as("twenty minutes later, a new delivery").hasSize(1);
        clock.advance(Duration.ofSeconds(119));
        assertThat(ids.firstDeliveries(one)).as("within the window of the second delivery").isEmpty();
        assertThat(ids.size()).isEqualTo(1);
    }

    private static void assertNoFalseDuplicate(LongFunction<String> id) {
        RecentIds ids = new RecentIds(Duration.ofMinutes(2), MILLION, new MutableClock());
        int counted = 0;
        for (int b = 0; b < MILLION / 1000; b++) {
            List<LogEntry> batch = new ArrayList<>(1000);
            for (int i = 0; i < 1000; i++) {
                batch.add(entry(id.apply((long) b * 1000 + i)));
            }
            counted += ids.firstDeliveries(batch).size();
        }
        assertThat(MILLION - counted).as("unique ids taken for duplicates").isZero();
        assertThat(ids.size()).isEqualTo(MILLION);
    }

    static LogEntry entry(String requestId) {
        return new LogEntry(LogEntry.Kind.HTTP, "s", null, "r", null, null, null, null, null, null, 200, null, null,
                1, 1, 1, Double.NaN, Double.NaN, 1, 1, 1, requestId, 0, Map.of(), List.of());
    }
}
