package io.kongsimulator;

import java.util.SplittableRandom;

/**
 * The request load of one incarnation as a function of time. The rate is a base between 110 and
 * 250 req/s swinging by up to ±50% on a five-minute and a 47-second wave, and counters are its
 * exact integral, so they are monotonic whenever and however often they are read.
 */
final class Traffic {

    private static final double SLOW_PERIOD_S = 300;
    private static final double FAST_PERIOD_S = 47;
    private static final double SLOW_SWING = 0.35;
    private static final double FAST_SWING = 0.15;
    private static final long GAUGE_SALT = 0x6761756765L;

    private final Incarnation life;
    private final double baseRate;
    private final double slowPhase;
    private final double fastPhase;
    private final double requestsPerConnection;

    Traffic(Incarnation life) {
        this.life = life;
        SplittableRandom random = new SplittableRandom(life.seed());
        this.baseRate = 110 + random.nextDouble() * 140;
        this.slowPhase = random.nextDouble() * 2 * Math.PI;
        this.fastPhase = random.nextDouble() * 2 * Math.PI;
        this.requestsPerConnection = 6 + random.nextDouble() * 4;
    }

    /** Requests per second at {@code t} seconds of uptime. */
    double rate(double t) {
        return baseRate * (1 + SLOW_SWING * Math.sin(wave(t, SLOW_PERIOD_S, slowPhase))
                + FAST_SWING * Math.sin(wave(t, FAST_PERIOD_S, fastPhase)));
    }

    /** Requests served in the first {@code t} seconds of uptime: the integral of {@link #rate}. */
    double requests(double t) {
        return baseRate * (t + waveIntegral(t, SLOW_SWING, SLOW_PERIOD_S, slowPhase)
                + waveIntegral(t, FAST_SWING, FAST_PERIOD_S, fastPhase));
    }

    /**
     * The counters at {@code nowMillis}; {@code servedByAdminApi} is how many requests this life's
     * Admin API answered (the exporter's own polls count in {@code total_requests}, as on a real node).
     */
    ServerCounters at(long nowMillis, long servedByAdminApi) {
        double t = life.uptimeSeconds(nowMillis);
        double proxied = requests(t);
        long accepted = life.acceptedAtStart() + (long) (proxied / requestsPerConnection);
        long total = life.requestsAtStart() + (long) proxied + servedByAdminApi;

        double rate = rate(t);
        SplittableRandom noise = Noise.random(life.seed(), GAUGE_SALT, nowMillis / 1000);
        long writing = 1 + Math.round(rate * 0.025 + noise.nextDouble() * 3);
        long reading = noise.nextInt(4) == 0 ? 1 : 0;
        long waiting = Math.round(rate * 0.12 * (0.8 + 0.4 * noise.nextDouble()));
        return new ServerCounters(accepted, accepted, reading + writing + waiting, reading, writing, waiting, total);
    }

    /** The integral from 0 to {@code t} of {@code swing * sin(wave(t))}. */
    private static double waveIntegral(double t, double swing, double period, double phase) {
        return swing * period / (2 * Math.PI) * (Math.cos(phase) - Math.cos(wave(t, period, phase)));
    }

    private static double wave(double t, double period, double phase) {
        return 2 * Math.PI * t / period + phase;
    }
}
