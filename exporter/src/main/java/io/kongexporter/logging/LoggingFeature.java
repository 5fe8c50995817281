package io.kongexporter.logging;

import io.kongexporter.config.ConfigKey;
import io.kongexporter.core.Component;
import io.kongexporter.core.ConfigChange;
import io.kongexporter.core.RunningConfig;
import java.util.Set;

/** {@code log.level} and {@code log.format}: set at start and again on every reload (both apply live). */
public final class LoggingFeature implements Component {
    private final RunningConfig config;

    public LoggingFeature(RunningConfig config) {
        this.config = config;
    }

    @Override
    public void start() {
        LogSettings.apply(config.get().log());
    }

    @Override
    public Set<ConfigKey> apply(ConfigChange change) {
        LogSettings.apply(change.next().log());
        return Set.of();
    }
}
