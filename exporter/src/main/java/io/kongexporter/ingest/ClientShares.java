package io.kongexporter.ingest;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The read slots one client (remote address) may hold at once, so that one sender, slow or hostile, can never take
 * every slot from the others. A Kong node has at most one batch in flight per worker and log plugin, far below the
 * share; behind a proxy or NAT that hides the nodes' addresses all of them share one client's slots, and what does
 * not fit gets 503, which Kong re-sends.
 */
final class ClientShares {
    private final int max;
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    ClientShares(int max) {
        if (max > 127) {
            throw new IllegalArgumentException("a share above 127 would box counts outside the Integer cache: " + max);
        }
        this.max = max;
    }

    /** Takes a slot for {@code client}, unless it holds its whole share already. */
    boolean tryTake(String client) {
        boolean[] taken = new boolean[1];
        held.compute(client, (c, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Gives back a slot taken by {@link #tryTake}. */
    void give(String client) {
        held.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
    }

    int max() {
        return max;
    }
}
