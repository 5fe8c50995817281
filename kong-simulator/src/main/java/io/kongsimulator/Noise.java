package io.kongsimulator;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Reproducible randomness as a pure function of (seed, what, when): the same question always
 * gets the same answer, whichever thread asks and however often, so a demo run can be replayed.
 */
final class Noise {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Noise() {
    }

    /** A fresh generator for this seed, salt and time bucket. */
    static SplittableRandom random(long seed, long salt, long bucket) {
        return new SplittableRandom(seed ^ (salt * GOLDEN) ^ Long.rotateLeft(bucket * GOLDEN + salt, 29));
    }

    /** A value in [0, 1). */
    static double unit(long seed, long salt, long bucket) {
        return random(seed, salt, bucket).nextDouble();
    }

    /** An int in [0, bound). */
    static int below(long seed, long salt, long bucket, int bound) {
        return random(seed, salt, bucket).nextInt(bound);
    }

    /** A version-4 UUID drawn from {@code random}. */
    static UUID uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** A stable salt for a name, so each node or dict gets its own stream. */
    static long salt(String name) {
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + name.charAt(i);
        }
        return h;
    }
}
