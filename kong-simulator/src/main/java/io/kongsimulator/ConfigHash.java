package io.kongsimulator;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The md5-looking {@code configuration_hash} of the demo's declarative config. It depends only on
 * the scenario seed and which push period the wall clock is in, so every node (and every data plane
 * of the control plane) agrees, and it changes once per push period like a config push.
 */
final class ConfigHash {

    static final String NONE = "00000000000000000000000000000000";

    private static final long SALT = 0x636f6e666967L;

    private ConfigHash() {
    }

    static String at(long seed, Duration pushPeriod, long epochMillis) {
        SplittableRandom random = Noise.random(seed, SALT, Math.floorDiv(epochMillis, pushPeriod.toMillis()));
        return hex(random.nextLong()) + hex(random.nextLong());
    }

    static String at(Scenario scenario, long epochMillis) {
        return at(scenario.seed(), scenario.configPushPeriod(), epochMillis);
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
