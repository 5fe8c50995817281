package io.kongexporter.live;

import java.util.List;

/**
 * Where the traffic feed takes its seconds from: this replica's own ({@link HeldSeconds}) or the fleet's
 * ({@link FleetSeconds}). A second is due once settled, revised when more of it arrives while it is held.
 */
interface SettledSeconds {
    /** The seconds now due, oldest first (empty ones left out). */
    List<TrafficWindow> due(long nowMillis);

    /** Published seconds that changed since, oldest first; each reported once. */
    List<TrafficWindow> revised();

    /** The seconds {@code [from, from + length)} folded into one window starting at {@code from}. */
    TrafficWindow fold(long from, int length);

    long publishedThrough();

    /** Lets go of the seconds no longer held. */
    void release(long nowMillis);
}
