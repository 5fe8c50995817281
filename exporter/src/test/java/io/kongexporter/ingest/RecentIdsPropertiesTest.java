package io.kongexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the de-duplication table over generated sequences of posts and re-posts (new ids, ids seen
 * before, ids repeated inside one batch, entries without an id, clock steps short and long), checked against a
 * model that remembers every id for exactly the window. Each seed is one reproducible sequence.
 */
class RecentIdsPropertiesTest {
    private static final Duration WINDOW = Duration.ofSeconds(120);
    private static final long SLACK_MILLIS = WINDOW.toMillis() / RecentIds.SEGMENTS;

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void within_the_window_every_id_is_counted_exactly_once(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MutableClock clock = new MutableClock();
        RecentIds ids = new RecentIds(WINDOW, 100_000, clock);
        Map<String, Integer> counted = new HashMap<>();
        List<String> posted = new ArrayList<>();
        int withoutId = 0;
        int countedWithoutId = 0;
        for (int post = 0, posts = 1 + random.nextInt(60); post < posts; post++) {
            List<LogEntry> batch = new ArrayList<>();
            for (int i = 0, n = random.nextInt(50); i < n; i++) {
                String id = nextId(random, posted);
                if (id == null) {
                    withoutId++;
                }
                batch.add(RecentIdsTest.entry(id));
            }
            for (LogEntry entry : ids.firstDeliveries(batch)) {
                if (entry.requestId() == null) {
                    countedWithoutId++;
                } else {
                    counted.merge(entry.requestId(), 1, Integer::sum);
                }
            }
            clock.advance(Duration.ofMillis(random.nextLong(WINDOW.toMillis() / 60)));
        }
        assertThat(counted.keySet()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(new java.util.HashSet<>(posted));
        assertThat(counted.values()).as("seed %d", seed).allMatch(c -> c == 1);
        assertThat(countedWithoutId).as("entries without an id are always counted").isEqualTo(withoutId);
        assertThat(ids.size()).isEqualTo(counted.size());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void across_windows_an_id_counts_again_only_once_its_window_has_passed(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MutableClock clock = new MutableClock();
        RecentIds ids = new RecentIds(WINDOW, 100_000, clock);
        Map<String, Long> countedAt = new HashMap<>();
        List<String> posted = new ArrayList<>();
        long now = 0;
        for (int post = 0, posts = 1 + random.nextInt(80); post < posts; post++) {
            List<LogEntry> batch = new ArrayList<>();
            for (int i = 0, n = random.nextInt(30); i < n; i++) {
                String id = nextId(random, posted);
                if (id != null) {
                    batch.add(RecentIdsTest.entry(id));
                }
            }
            List<LogEntry> fresh = ids.firstDeliveries(batch);
            Map<String, Boolean> freshInBatch = new HashMap<>();
            for (LogEntry entry : fresh) {
                assertThat(freshInBatch.put(entry.requestId(), true)).as("seed %d: counted twice in one batch", seed).isNull();
            }
            for (LogEntry entry : batch) {
                Long last = countedAt.get(entry.requestId());
                boolean isFresh = freshInBatch.containsKey(entry.requestId());
                if (last == null || now - last >= WINDOW.toMillis() + SLACK_MILLIS) {
                    assertThat(isFresh).as("seed %d: %s at %d ms, last counted at %s", seed, entry.requestId(), now, last).isTrue();
                } else if (now - last < WINDOW.toMillis()) {
                    assertThat(isFresh && last != now).as("seed %d: %s re-counted within the window", seed, entry.requestId()).isFalse();
                }
                if (isFresh) {
                    countedAt.put(entry.requestId(), now);
                }
            }
            long step = random.nextInt(4) == 0 ? random.nextLong(3 * WINDOW.toMillis()) : random.nextLong(WINDOW.toMillis() / 10);
            clock.advance(Duration.ofMillis(step));
            now += step;
        }
    }

    /** A new id (of a random shape), an id posted before, or none (an entry without a request id). */
    private static String nextId(SplittableRandom random, List<String> posted) {
        int pick = random.nextInt(10);
        if (pick == 0) {
            return null;
        }
        if (pick < 4 && !posted.isEmpty()) {
            return posted.get(random.nextInt(posted.size()));
        }
        String id = switch (random.nextInt(3)) {
            case 0 -> String.format("%016x%016x", random.nextLong(), random.nextLong());
            case 1 -> new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            default -> Long.toString(random.nextLong(1_000_000));
        };
        posted.add(id);
        return id;
    }
}
