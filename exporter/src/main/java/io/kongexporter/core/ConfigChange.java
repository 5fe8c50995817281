package io.kongexporter.core;

import io.kongexporter.config.ConfigKey;
import io.kongexporter.config.ConfigValues;
import io.kongexporter.config.ExporterConfig;
import java.util.EnumSet;
import java.util.Set;

/** A reload: the running configuration, the new one, and the keys whose values differ. */
public record ConfigChange(ExporterConfig previous, ExporterConfig next, Set<ConfigKey> changed) {
    public ConfigChange {
        changed = Set.copyOf(changed);
    }

    public static ConfigChange between(ExporterConfig previous, ExporterConfig next) {
        Set<ConfigKey> changed = EnumSet.noneOf(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            if (!ConfigValues.of(previous, key).equals(ConfigValues.of(next, key))) {
                changed.add(key);
            }
        }
        return new ConfigChange(previous, next, changed);
    }

    /** The given keys that changed: what a feature that only reads them at start reports as needing a restart. */
    public Set<ConfigKey> changedOf(ConfigKey... keys) {
        Set<ConfigKey> restart = EnumSet.noneOf(ConfigKey.class);
        for (ConfigKey key : keys) {
            if (changed.contains(key)) {
                restart.add(key);
            }
        }
        return restart;
    }

    public boolean changedAny(ConfigKey... keys) {
        return !changedOf(keys).isEmpty();
    }
}
