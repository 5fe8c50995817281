package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongsimulator.support.Profiles;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TrafficTest {

    private static final long NOW = 1_750_150_000_000L;

    @Test
    void counters_never_decrease_over_a_simulated_day_of_uneven_polling() {
        Incarnation life = Incarnation.first(Profiles.kong39Postgres(), 3L, NOW);
        Traffic traffic = new Traffic(life);
        ServerCounters previous = traffic.at(NOW, 0);

        for (long t = NOW; t < NOW + 86_400_000L; t += 997 + (t % 7) * 1_111) {
            ServerCounters current = traffic.at(t, 0);
            assertThat(current.accepted()).isGreaterThanOrEqualTo(previous.accepted());
            assertThat(current.totalRequests()).isGreaterThanOrEqualTo(previous.totalRequests());
            assertThat(current.handled()).isEqualTo(current.accepted());
            previous = current;
        }
    }

    @Test
    void the_request_rate_stays_between_50_and_400_per_second_and_varies() {
        for (long seed = 0; seed < 50; seed++) {
            Traffic traffic = new Traffic(Incarnation.first(Profiles.kong28Dbless(), seed, NOW));
            double min = Double.MAX_VALUE;
            double max = 0;
            for (int t = 0; t < 3600; t += 5) {
                min = Math.min(min, traffic.rate(t));
                max = Math.max(max, traffic.rate(t));
            }
            assertThat(min).isGreaterThanOrEqualTo(50);
            assertThat(max).isLessThanOrEqualTo(400);
            assertThat(max - min).isGreaterThan(min * 0.3);
        }
    }

    @Test
    void counters_grow_at_the_rate() {
        Traffic traffic = new Traffic(Incarnation.first(Profiles.kong39Postgres(), 9L, NOW));

        double perSecond = traffic.requests(1001) - traffic.requests(1000);

        assertThat(perSecond).isCloseTo(traffic.rate(1000.5), Offset.offset(1.0));
    }

    @Test
    void the_same_seed_gives_the_same_node() {
        Incarnation one = Incarnation.first(Profiles.kong39Postgres(), 42L, NOW);
        Incarnation two = Incarnation.first(Profiles.kong39Postgres(), 42L, NOW);

        assertThat(one).isEqualTo(two);
        assertThat(new Traffic(one).at(NOW + 5_000, 0)).isEqualTo(new Traffic(two).at(NOW + 5_000, 0));
        assertThat(one.restarted(Profiles.kong39Postgres(), NOW))
                .isEqualTo(two.restarted(Profiles.kong39Postgres(), NOW));
    }
}
