package io.kongsimulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A data plane known to a simulated control plane. A connected one pings every 30 s (its
 * {@code last_seen} is its latest ping); a disconnected one was last seen at a fixed moment.
 *
 * @param pingPhaseMillis when, within each 30 s, a connected data plane pings; unused when disconnected
 * @param lastSeenMillis  when a disconnected data plane was last seen; unused when connected
 * @param certExpiry      epoch seconds of its cluster certificate's expiry, 0 when it sent none
 */
record SimulatedDataPlane(String id, String hostname, String ip, String version, String syncStatus, boolean connected,
                          long pingPhaseMillis, long lastSeenMillis, long certExpiry) {

    static final long PING_INTERVAL_MS = 30_000;
    /** {@code cluster_data_plane_purge_delay} default: 14 days. */
    static final long PURGE_DELAY_S = 1_209_600;

    private static final long SALT = 0x64707300L;
    private static final long DAY_S = 86_400;

    /** Two current 3.9.1 data planes and one 3.10.0 canary that the 3.9 control plane refuses to sync. */
    static List<SimulatedDataPlane> demoFleet(long seed, long nowMillis) {
        SplittableRandom random = Noise.random(seed, SALT, 0);
        long expiry = (nowMillis / 1000 / DAY_S + 365) * DAY_S;
        return List.of(
                new SimulatedDataPlane(Noise.uuid(random).toString(), "kong-dp-0", "10.0.5.21", "3.9.1", "normal", true,
                        random.nextLong(PING_INTERVAL_MS), 0, expiry),
                new SimulatedDataPlane(Noise.uuid(random).toString(), "kong-dp-1", "10.0.5.22", "3.9.1", "normal", true,
                        random.nextLong(PING_INTERVAL_MS), 0, expiry),
                new SimulatedDataPlane(Noise.uuid(random).toString(), "kong-dp-canary", "10.0.6.40", "3.10.0",
                        "kong_version_incompatible", false, 0, nowMillis - 6_594_000 - random.nextLong(60_000), 0));
    }

    /** Epoch milliseconds of the last contact as of {@code nowMillis}. */
    long lastSeenAt(long nowMillis) {
        if (!connected) {
            return lastSeenMillis;
        }
        return nowMillis - Math.floorMod(nowMillis - pingPhaseMillis, PING_INTERVAL_MS);
    }

    /** Seconds until the row is purged, as Kong reports {@code ttl}. */
    long ttlAt(long nowMillis) {
        return Math.max(0, PURGE_DELAY_S - (nowMillis - lastSeenAt(nowMillis)) / 1000);
    }
}
