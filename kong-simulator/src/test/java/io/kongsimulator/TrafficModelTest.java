package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kongsimulator.TrafficSample.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrafficModelTest {

    private static final long START = 1_750_156_800_000L;
    private static final int COUNT = 100_000;
    private static List<TrafficSample> samples;

    @BeforeAll
    static void sample() {
        samples = draw(new TrafficModel(42, 40, START), COUNT);
    }

    @Test
    void the_status_mix_is_within_a_point_or_two_of_the_target() {
        assertThat(share(s -> s.status() < 300)).isCloseTo(0.88, within(0.02));
        assertThat(share(s -> s.status() >= 300 && s.status() < 400)).isCloseTo(0.02, within(0.005));
        assertThat(share(s -> s.status() >= 400 && s.status() < 500 && s.status() != 429))
                .isCloseTo(0.06, within(0.01));
        assertThat(share(s -> s.status() == 429)).isCloseTo(0.02, within(0.005));
        assertThat(share(s -> s.status() >= 500)).isCloseTo(0.02, within(0.005));
        assertThat(share(s -> s.status() == 101)).isCloseTo(0.005, within(0.002));
        assertThat(share(s -> s.status() == 401)).isCloseTo(0.025, within(0.005));
        assertThat(share(s -> s.status() == 403)).isCloseTo(0.01, within(0.003));
        assertThat(share(s -> s.route() == null)).isCloseTo(0.01, within(0.003));
    }

    @Test
    void the_traffic_covers_8_services_30_routes_and_up_to_50_consumers_plus_anonymous_calls() {
        assertThat(distinct(s -> s.service() == null ? null : s.service().name())).hasSize(8);
        assertThat(distinct(s -> s.route() == null ? null : s.route().name())).hasSize(30)
                .contains("orders-list", "orders-get", "chat-socket");
        assertThat(distinct(s -> s.consumer() == null ? null : s.consumer().username())).hasSizeBetween(40, 50)
                .contains("mobile-app", "partner-acme-logistics");
        assertThat(share(s -> s.consumer() == null)).isBetween(0.2, 0.5);
        assertThat(TrafficCatalog.standard().services()).hasSize(8);
        assertThat(TrafficCatalog.standard().routes()).hasSize(30);
        assertThat(TrafficCatalog.standard().consumers()).hasSize(50)
                .filteredOn(c -> c.customId() != null).hasSizeBetween(5, 45);
    }

    @Test
    void the_same_seed_gives_the_same_traffic_and_another_seed_other_traffic() {
        List<TrafficSample> again = draw(new TrafficModel(42, 40, START), 2_000);
        List<TrafficSample> other = draw(new TrafficModel(43, 40, START), 2_000);

        assertThat(again).isEqualTo(samples.subList(0, 2_000));
        assertThat(other).isNotEqualTo(again);
    }

    @Test
    void kong_answers_carry_what_kong_logs_for_them() {
        for (TrafficSample s : samples) {
            switch (s.status()) {
                case 401 -> assertThat(s.consumer()).isNull();
                case 403, 429 -> assertThat(s.consumer()).isNotNull();
                default -> { }
            }
            if (s.status() == 401 || s.status() == 403 || s.status() == 429 || s.route() == null) {
                assertThat(s.source()).isEqualTo(Source.KONG);
                assertThat(s.tries()).isZero();
                assertThat(s.latencies().proxy()).isEqualTo(-1);
            }
            if (s.route() == null) {
                assertThat(s.status()).isEqualTo(404);
            }
            if (s.status() == 101 || s.websocket()) {
                assertThat(s.websocket()).isTrue();
                assertThat(s.route().name()).isEqualTo("chat-socket");
                assertThat(s.service().name()).isEqualTo("chat-ws");
            }
        }
        assertThat(share(s -> s.source() == Source.KONG && s.tries() > 0 && s.status() >= 502)).isGreaterThan(0.005);
        assertThat(share(s -> s.source() == Source.UPSTREAM && s.status() >= 500)).isGreaterThan(0.004);
        assertThat(share(s -> s.source() == Source.UPSTREAM && s.tries() > 1 && s.status() < 300)).isGreaterThan(0.001);
    }

    @Test
    void latencies_add_up_and_the_request_started_its_request_latency_before_it_was_logged() {
        TrafficModel model = new TrafficModel(5, 40, START);
        for (int i = 0; i < 10_000; i++) {
            long loggedAt = START + i * 25L;
            TrafficSample s = model.next(loggedAt, "demo-kong-1");
            TrafficSample.Latencies l = s.latencies();
            assertThat(l.kong()).isNotNegative();
            assertThat(l.proxy() == -1).isEqualTo(s.tries() == 0);
            assertThat(l.request()).isGreaterThanOrEqualTo(l.kong() + Math.max(0, l.proxy()) + l.receive());
            assertThat(s.startedAt()).isEqualTo(loggedAt - l.request());
            assertThat(s.request().id()).matches("[0-9a-f]{32}");
            assertThat(s.node()).isEqualTo("demo-kong-1");
        }
    }

    @Test
    void upstream_latencies_have_a_long_tail_and_websockets_stay_open_for_minutes() {
        double[] proxy = samples.stream().filter(s -> s.source() == Source.UPSTREAM && !s.websocket())
                .mapToDouble(s -> s.latencies().proxy()).sorted().toArray();
        double median = proxy[proxy.length / 2];
        double p99 = proxy[(int) (proxy.length * 0.99)];
        double websocketMedian = median(samples.stream().filter(TrafficSample::websocket)
                .mapToDouble(s -> s.latencies().request()).toArray());

        assertThat(median).isBetween(15.0, 120.0);
        assertThat(p99).isGreaterThan(median * 4);
        assertThat(websocketMedian).isGreaterThan(30_000);
        assertThat(samples.stream().filter(TrafficSample::websocket).mapToLong(TrafficSample::responseSize).max()
                .orElseThrow()).isGreaterThan(1_000_000);
    }

    @Test
    void the_inventory_service_is_slower_and_fails_more_often_than_the_others() {
        Map<Boolean, List<TrafficSample>> byInventory = samples.stream().filter(s -> s.service() != null)
                .collect(Collectors.partitioningBy(s -> s.service().name().equals("inventory-api")));
        List<TrafficSample> inventory = byInventory.get(true);
        List<TrafficSample> others = byInventory.get(false);

        assertThat(serverErrorShare(inventory)).isGreaterThan(3 * serverErrorShare(others));
        assertThat(medianProxy(inventory)).isGreaterThan(2 * medianProxy(others));
    }

    @Test
    void the_rate_swings_gently_around_the_average_over_four_minutes() {
        TrafficModel model = new TrafficModel(1, 40, START);
        double min = Double.MAX_VALUE;
        double max = 0;
        double sum = 0;
        int steps = 0;
        for (long t = START; t < START + TrafficModel.WAVE_PERIOD_MILLIS; t += 1_000, steps++) {
            double rate = model.rate(t);
            min = Math.min(min, rate);
            max = Math.max(max, rate);
            sum += rate;
        }

        assertThat(sum / steps).isCloseTo(40, within(0.5));
        assertThat(min).isCloseTo(28, within(0.5));
        assertThat(max).isCloseTo(52, within(0.5));
    }

    private static List<TrafficSample> draw(TrafficModel model, int count) {
        List<TrafficSample> drawn = new ArrayList<>(count);
        String[] nodes = {"demo-kong-1", "demo-kong-2", "demo-kong-3"};
        for (int i = 0; i < count; i++) {
            drawn.add(model.next(START + i * 25L, nodes[i % nodes.length]));
        }
        return drawn;
    }

    private static double share(Predicate<TrafficSample> which) {
        return samples.stream().filter(which).count() / (double) samples.size();
    }

    private static java.util.Set<String> distinct(java.util.function.Function<TrafficSample, String> label) {
        return samples.stream().map(label).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    private static double serverErrorShare(List<TrafficSample> of) {
        return of.stream().filter(s -> s.status() >= 500).count() / (double) of.size();
    }

    private static double medianProxy(List<TrafficSample> of) {
        return median(of.stream().filter(s -> s.source() == Source.UPSTREAM).mapToDouble(s -> s.latencies().proxy())
                .toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
