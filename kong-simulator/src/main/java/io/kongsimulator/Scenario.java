package io.kongsimulator;

import java.time.Clock;
import java.time.Duration;

/**
 * What all simulated nodes of one demo share: the seed every random value derives from, the
 * clock bodies are computed from, how often the declarative config is pushed (a new
 * {@code configuration_hash}) and how often the flapping upstream target changes health.
 */
public record Scenario(long seed, Clock clock, Duration configPushPeriod, Duration targetFlipPeriod) {

    public static final long DEFAULT_SEED = 20_250_617L;

    public Scenario {
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        requirePositive("configPushPeriod", configPushPeriod);
        requirePositive("targetFlipPeriod", targetFlipPeriod);
    }

    /** Seed 20250617, the system clock, a config push every 10 minutes, a target flip every 3 minutes. */
    public static Scenario defaults() {
        return new Scenario(DEFAULT_SEED, Clock.systemUTC(), Duration.ofMinutes(10), Duration.ofMinutes(3));
    }

    public long nowMillis() {
        return clock.millis();
    }

    private static void requirePositive(String what, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
