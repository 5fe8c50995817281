package io.kongexporter.traffic;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The live series of one metric: label values to the client library's data point, so recording an entry is a
 * hash lookup and an add. New series are admitted against the metric's {@link SeriesBudget}; past it, the
 * collapsible labels (service, route, workspace, consumer, extra labels) become {@code __overflow__}. Every record
 * into a series with an {@code __overflow__} value, whichever cap put it there, is counted as an overflow of the
 * metric. Series idle longer than the TTL are removed from the metric by {@link #removeIdle}.
 *
 * <p>A series revived at the very moment it is swept may lose that one increment; series are swept only after
 * {@code metrics.series_ttl} (default 1 h) without an update.
 */
final class SeriesCache<D> {
    private static final long TOUCH_GRANULARITY_MS = 1000;

    /** Label values with their hash computed once. */
    private static final class Key {
        final String[] values;
        final int hash;

        Key(String[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** One series: its data point, whether it is an {@code __overflow__} one, when it was last looked up. */
    static final class Slot<D> {
        private final D point;
        /** Some label value is {@code __overflow__}. */
        private final boolean overflow;
        private final SeriesBudget budget;
        private long lastUsed;

        Slot(D point, String[] values, long now, SeriesBudget budget) {
            this.point = point;
            this.overflow = Arrays.asList(values).contains(LabelValueLimit.OVERFLOW);
            this.lastUsed = now;
            this.budget = budget;
        }

        /** The data point to record into; a record into an {@code __overflow__} series is counted as an overflow. */
        D use() {
            if (overflow) {
                budget.countOverflow();
            }
            return point;
        }
    }

    private final SeriesBudget budget;
    private final boolean[] collapsible;
    private final Function<String[], D> create;
    private final Consumer<String[]> remove;
    private final ConcurrentHashMap<Key, Slot<D>> slots = new ConcurrentHashMap<>();

    SeriesCache(SeriesBudget budget, boolean[] collapsible, Function<String[], D> create, Consumer<String[]> remove) {
        this.budget = budget;
        this.collapsible = collapsible;
        this.create = create;
        this.remove = remove;
    }

    /** The data point of {@code labels} to record into (admitted, or collapsed past the budget). */
    D get(String[] labels, long now) {
        return slot(labels, now).use();
    }

    /**
     * The series of {@code labels}, admitted or collapsed, marked used at {@code now}. A caller may keep it for as
     * long as it looks it up again well within the TTL (see {@link RouteSeries}): a series is swept only after
     * {@code metrics.series_ttl} without a lookup.
     */
    Slot<D> slot(String[] labels, long now) {
        Key key = new Key(labels);
        Slot<D> slot = slots.get(key);
        if (slot == null) {
            slot = admit(key, now);
        } else if (now - slot.lastUsed > TOUCH_GRANULARITY_MS) {
            slot.lastUsed = now;
        }
        return slot;
    }

    private Slot<D> admit(Key key, long now) {
        if (budget.tryTake(1)) {
            Slot<D> created = new Slot<>(create.apply(key.values), key.values, now, budget);
            Slot<D> raced = slots.putIfAbsent(key, created);
            if (raced == null) {
                return created;
            }
            budget.release(1);
            return raced;
        }
        String[] collapsed = key.values.clone();
        for (int i = 0; i < collapsed.length; i++) {
            if (collapsible[i]) {
                collapsed[i] = LabelValueLimit.OVERFLOW;
            }
        }
        return slots.computeIfAbsent(new Key(collapsed), k -> {
            budget.force(1);
            return new Slot<>(create.apply(k.values), k.values, now, budget);
        });
    }

    void removeIdle(long olderThan) {
        slots.entrySet().removeIf(e -> {
            if (e.getValue().lastUsed >= olderThan) {
                return false;
            }
            remove.accept(e.getKey().values);
            budget.release(1);
            return true;
        });
    }
}
