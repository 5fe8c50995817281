package io.kongexporter.core;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The slots one client (remote address) may hold at once, so that one sender, slow or hostile, can never take every
 * slot from the others: the log receiver's body reads, the tcp-log and syslog connections. Behind a proxy or NAT that
 * hides Kong's node addresses all nodes share one client's slots; what does not fit is refused (HTTP: 503, which Kong
 * re-sends; a stream connection: closed, counted {@code refused}).
 */
public final class ClientShares {
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    /** Takes a slot for {@code client}, unless it holds {@code max} already. */
    public boolean tryTake(String client, int max) {
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
    public void give(String client) {
        held.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
    }

    /** A quarter of {@code slots}, at least one: what one client may hold, so that three hostile ones leave room. */
    public static int shareOf(int slots) {
        return Math.max(1, slots / 4);
    }
}
