package io.kongexporter.ingest;

/** Events per second over the last minute, from one count per second of the last 60 (for the landing page). */
final class MinuteRate {
    private static final int SECONDS = 60;
    private final long[] second = new long[SECONDS];
    private final long[] count = new long[SECONDS];

    /** Counts {@code n} events in the second {@code epochSecond}. */
    synchronized void add(long epochSecond, long n) {
        int slot = Math.floorMod(epochSecond, SECONDS);
        if (second[slot] != epochSecond) {
            second[slot] = epochSecond;
            count[slot] = 0;
        }
        count[slot] += n;
    }

    /** The events of the 60 seconds ending with {@code nowEpochSecond}, divided by 60. */
    synchronized double perSecond(long nowEpochSecond) {
        long sum = 0;
        for (int i = 0; i < SECONDS; i++) {
            long age = nowEpochSecond - second[i];
            if (age >= 0 && age < SECONDS) {
                sum += count[i];
            }
        }
        return sum / (double) SECONDS;
    }
}
