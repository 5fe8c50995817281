package io.kongsimulator;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code lua_shared_dict} of a simulated node: its name, its capacity and how many bytes of
 * slabs it holds on a quiet day (the simulation wobbles around that).
 */
public record SimulatedSharedDict(String name, long capacityBytes, long typicalAllocatedBytes) {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    public SimulatedSharedDict {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("shared dict name must not be blank");
        }
        if (capacityBytes <= 0 || typicalAllocatedBytes < 0 || typicalAllocatedBytes > capacityBytes) {
            throw new IllegalArgumentException("shared dict " + name + ": need 0 <= allocated <= capacity, got "
                    + typicalAllocatedBytes + " / " + capacityBytes);
        }
    }

    /** The dicts Kong 2.8 declares ({@code kong_process_events}; DB-less adds the {@code *_2} twins). */
    public static List<SimulatedSharedDict> kong28(boolean dbless) {
        List<SimulatedSharedDict> dicts = new ArrayList<>(common());
        dicts.add(3, new SimulatedSharedDict("kong_process_events", 5 * MIB, 52 * KIB));
        if (dbless) {
            dicts.add(new SimulatedSharedDict("kong_core_db_cache_2", 128 * MIB, 12 * KIB));
            dicts.add(new SimulatedSharedDict("kong_core_db_cache_miss_2", 12 * MIB, 12 * KIB));
            dicts.add(new SimulatedSharedDict("kong_db_cache_2", 128 * MIB, 12 * KIB));
            dicts.add(new SimulatedSharedDict("kong_db_cache_miss_2", 12 * MIB, 12 * KIB));
        }
        return List.copyOf(dicts);
    }

    /** The dicts Kong 3.9 declares with the classic DNS client: {@code kong_secrets}, no process events. */
    public static List<SimulatedSharedDict> kong39() {
        List<SimulatedSharedDict> dicts = new ArrayList<>(common());
        dicts.add(dicts.size() - 1, new SimulatedSharedDict("kong_secrets", 5 * MIB, 40 * KIB));
        return List.copyOf(dicts);
    }

    private static List<SimulatedSharedDict> common() {
        return List.of(
                new SimulatedSharedDict("kong", 5 * MIB, 40 * KIB),
                new SimulatedSharedDict("kong_locks", 8 * MIB, 60 * KIB),
                new SimulatedSharedDict("kong_healthchecks", 5 * MIB, 40 * KIB),
                new SimulatedSharedDict("kong_cluster_events", 5 * MIB, 40 * KIB),
                new SimulatedSharedDict("kong_rate_limiting_counters", 12 * MIB, 96 * KIB),
                new SimulatedSharedDict("kong_core_db_cache", 128 * MIB, 820 * KIB),
                new SimulatedSharedDict("kong_core_db_cache_miss", 12 * MIB, 92 * KIB),
                new SimulatedSharedDict("kong_db_cache", 128 * MIB, 808 * KIB),
                new SimulatedSharedDict("kong_db_cache_miss", 12 * MIB, 84 * KIB),
                new SimulatedSharedDict("prometheus_metrics", 5 * MIB, 260 * KIB));
    }
}
