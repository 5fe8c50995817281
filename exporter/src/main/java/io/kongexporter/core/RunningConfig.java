package io.kongexporter.core;

import io.kongexporter.config.ConfigKey;
import io.kongexporter.config.ConfigValues;
import io.kongexporter.config.ExporterConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The configuration in force: the one place features read it from. A reload hands the new configuration to every
 * feature ({@link Component#apply}) and then makes it current; the answer lists the keys that need a restart.
 */
public final class RunningConfig implements Supplier<ExporterConfig> {
    private final List<Component> features = new CopyOnWriteArrayList<>();
    private final ExporterConfig started;
    private final Set<ConfigKey> restartOnly = EnumSet.noneOf(ConfigKey.class);
    private volatile ExporterConfig current;

    public RunningConfig(ExporterConfig initial) {
        this.started = initial;
        this.current = initial;
    }

    @Override
    public ExporterConfig get() {
        return current;
    }

    /** Called by {@link Lifecycle} for every feature it starts. */
    void follow(Component feature) {
        features.add(feature);
    }

    /**
     * Applies {@code next} to every feature. Returns, by path, the keys some feature only reads at start whose value
     * now differs from the one the exporter started with: they take effect after a restart (an earlier reload's
     * pending change is reported again until it is reverted).
     */
    public synchronized Set<String> update(ExporterConfig next) {
        ConfigChange change = ConfigChange.between(current, next);
        for (Component feature : features) {
            restartOnly.addAll(feature.apply(change));
        }
        current = next;
        Set<String> restartNeeded = new TreeSet<>();
        for (ConfigKey key : restartOnly) {
            if (!ConfigValues.of(started, key).equals(ConfigValues.of(next, key))) {
                restartNeeded.add(key.path());
            }
        }
        return restartNeeded;
    }
}
