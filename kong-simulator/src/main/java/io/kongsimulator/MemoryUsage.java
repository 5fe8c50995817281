package io.kongsimulator;

import java.util.SplittableRandom;

/**
 * Memory of one incarnation as a function of time: shared dicts fill up after a (re)start and then
 * wobble slowly around their typical size ({@code prometheus_metrics} keeps growing as series
 * appear); each worker's Lua VM climbs and drops in a garbage-collection sawtooth.
 */
final class MemoryUsage {

    private static final long PAGE = 4096;
    private static final double MIB = 1024 * 1024;
    private static final long NOISE_BUCKET_MS = 10_000;

    private final Incarnation life;

    MemoryUsage(Incarnation life) {
        this.life = life;
    }

    /** {@code allocated_slabs} of a dict in bytes, in whole 4 KiB slab pages, never above capacity. */
    long allocatedSlabs(SimulatedSharedDict dict, long nowMillis) {
        double t = life.uptimeSeconds(nowMillis);
        long salt = Noise.salt(dict.name());
        SplittableRandom shape = Noise.random(life.seed(), salt, -1);
        double period = 600 + shape.nextDouble() * 600;
        double phase = shape.nextDouble() * 2 * Math.PI;
        double warmUp = dict.name().equals("prometheus_metrics")
                ? 0.35 + 0.75 * (1 - Math.exp(-t / 3600))
                : 1 - 0.7 * Math.exp(-t / 600);
        double wobble = 1 + 0.08 * Math.sin(2 * Math.PI * t / period + phase);
        long pages = Math.round(dict.typicalAllocatedBytes() * warmUp * wobble / PAGE)
                + Noise.below(life.seed(), salt, nowMillis / NOISE_BUCKET_MS, 3) - 1;
        return Math.min(dict.capacityBytes(), Math.max(1, pages) * PAGE);
    }

    /** {@code http_allocated_gc} of the worker at {@code index} in bytes. */
    long workerGcBytes(int index, long nowMillis) {
        double t = life.uptimeSeconds(nowMillis);
        SplittableRandom shape = Noise.random(life.seed(), 0x6763L, index);
        double floorMib = 36 + shape.nextDouble() * 22;
        double cycle = 70 + shape.nextDouble() * 80;
        double offset = shape.nextDouble() * cycle;
        double sawtooth = ((t + offset) % cycle) / cycle;
        double warmUp = 0.6 + 0.4 * (1 - Math.exp(-t / 300));
        return Math.round((floorMib * warmUp + 7 * sawtooth) * MIB);
    }
}
