package io.kongsimulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One life of a simulated node, from (re)start to crash: its node_id, its pids, when it started
 * and where its counters stood at that moment. A restart is a new incarnation.
 *
 * @param number            0 for the node as first started, then 1, 2, ... per restart
 * @param acceptedAtStart   {@code connections_accepted} at {@code startedAtMillis}
 * @param requestsAtStart   {@code total_requests} at {@code startedAtMillis}
 * @param seed              seed for everything this life computes
 */
record Incarnation(int number, UUID nodeId, int masterPid, List<Integer> workerPids, long startedAtMillis,
                   long acceptedAtStart, long requestsAtStart, long seed) {

    private static final long UP_BEFORE_DEMO_MIN_MS = 24 * 3600 * 1000L;
    private static final long UP_BEFORE_DEMO_SPREAD_MS = 3 * 24 * 3600 * 1000L;

    Incarnation {
        workerPids = List.copyOf(workerPids);
    }

    /** The node as the demo first finds it: started one to four days ago, so its counters are large. */
    static Incarnation first(NodeProfile profile, long seed, long nowMillis) {
        SplittableRandom random = Noise.random(seed, Noise.salt(profile.name()), 0);
        long startedAt = nowMillis - UP_BEFORE_DEMO_MIN_MS - random.nextLong(UP_BEFORE_DEMO_SPREAD_MS);
        int masterPid = 900 + random.nextInt(400);
        return create(0, profile, random, masterPid, startedAt, random.nextInt(20), random.nextInt(60));
    }

    /** The same node after a crash and restart: new node_id, new pids, counters from (almost) zero. */
    Incarnation restarted(NodeProfile profile, long nowMillis) {
        SplittableRandom random = Noise.random(seed, Noise.salt(profile.name()), number + 1L);
        int masterPid = workerPids.get(workerPids.size() - 1) + 40 + random.nextInt(400);
        return create(number + 1, profile, random, masterPid, nowMillis, random.nextInt(20), random.nextInt(60));
    }

    private static Incarnation create(int number, NodeProfile profile, SplittableRandom random, int masterPid,
                                      long startedAtMillis, long accepted, long requests) {
        List<Integer> workers = new ArrayList<>();
        int pid = masterPid + 2 + random.nextInt(3);
        for (int i = 0; i < profile.workers(); i++) {
            workers.add(pid);
            pid += 1 + (random.nextInt(5) == 0 ? 1 : 0);
        }
        UUID nodeId = Noise.uuid(random);
        return new Incarnation(number, nodeId, masterPid, workers, startedAtMillis, accepted, requests,
                random.nextLong());
    }

    double uptimeSeconds(long nowMillis) {
        return Math.max(0, nowMillis - startedAtMillis) / 1000.0;
    }
}
