package io.kongexporter.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The replica and byte caps of the fleet's seconds ({@link FleetSeconds}) bound what other replicas (or anyone who can
 * write to live.kafka_topic) make this replica hold; they must never cost this replica its own traffic. Ids are unique
 * per start ({@link ReplicaId}), so 32 ids within {@link FleetSeconds#FORGET_SECONDS} happen in an honest fleet too: a
 * rolling restart of 16 replicas done twice in five minutes, or a crash-looping pod.
 */
class FleetSecondsCapTest {
    private static final String SELF = "self-1-1750000000000";

    private static byte[] share(String replica, long second, long requests) {
        TrafficWindow w = new TrafficWindow(second);
        w.all.requests.add(requests);
        w.all.byClass[1].add(requests);
        w.all.fromService.add(requests);
        return WindowShare.write(replica, w);
    }

    @Test
    void a_replica_keeps_its_own_traffic_when_32_other_replica_ids_were_seen_within_five_minutes() {
        long now = 1_750_000_100_000L;
        FleetSeconds seconds = new FleetSeconds(SELF, now);
        long second = now / 1000 - 5;
        for (int i = 0; i < FleetSeconds.MAX_REPLICAS; i++) {
            assertThat(seconds.put(share("gone-" + i + "-1750000000000", second, 1), true, now)).isEqualTo(FleetSeconds.Received.MERGED);
        }

        FleetSeconds.Received own = seconds.put(share(SELF, second, 40), false, now);

        assertThat(own).as("this replica's own share of a second").isEqualTo(FleetSeconds.Received.MERGED);
        assertThat(seconds.fold(second, 1).all.requests.sum()).as("the second's requests: 32 of the others and 40 of its own").isEqualTo(72);
    }

    @Test
    void a_replica_keeps_its_own_traffic_when_others_fill_the_bytes_the_fleet_view_may_hold() {
        long now = 1_750_000_100_000L;
        FleetSeconds seconds = new FleetSeconds(SELF, now);
        long second = now / 1000 - 5;
        byte[] big = bigShare("filler-1750000000000", second);
        assertThat(big.length).isLessThanOrEqualTo(WindowShare.MAX_BYTES);
        // One replica may hold one share a second for the ~2 minutes held: 16 MiB is reached by 31 hostile ids.
        int filled = 0;
        for (int r = 0; r < FleetSeconds.MAX_REPLICAS - 1 && filled * (long) big.length < FleetSeconds.MAX_BYTES; r++) {
            for (long s = second - 100; s <= second && filled * (long) big.length < FleetSeconds.MAX_BYTES; s++) {
                if (seconds.put(bigShare("filler-" + r, s), true, now) == FleetSeconds.Received.MERGED) {
                    filled++;
                }
            }
        }
        boolean full = false;
        for (int r = 0; r < FleetSeconds.MAX_REPLICAS - 1 && !full; r++) {
            for (long s = second - 110; s < second - 100 && !full; s++) {
                full = seconds.put(share("filler-" + r, s, 1), true, now) == FleetSeconds.Received.REFUSED;
            }
        }
        assertThat(full).as("the others' shares filled the bytes held").isTrue();

        assertThat(seconds.put(share(SELF, second, 40), false, now)).as("this replica's own share").isEqualTo(FleetSeconds.Received.MERGED);
    }

    /** A valid share of about 30 KB: 50 services with names of 500 characters. */
    private static byte[] bigShare(String replica, long second) {
        TrafficWindow w = new TrafficWindow(second);
        for (int i = 0; i < WindowShare.MAX_SERVICES; i++) {
            TrafficWindow.Counts c = new TrafficWindow.Counts();
            c.requests.add(1);
            w.services.put(String.format("%03d", i) + "s".repeat(WindowShare.MAX_SERVICE_LENGTH - 12), c);
        }
        w.all.requests.add(50);
        return WindowShare.write(replica, w);
    }
}
