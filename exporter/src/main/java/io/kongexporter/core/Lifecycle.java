package io.kongexporter.core;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The features of one exporter in start order. Adding a feature registers its metrics and has it follow reloads;
 * {@link #start} starts them in order and, when one fails, closes everything added so far; {@link #close} first
 * quiesces every feature (open requests end while the web server still answers), then closes them in reverse order. The routes of all features form one table, where a method and path may appear once.
 */
public final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final PrometheusRegistry registry;
    private final RunningConfig config;
    private final List<Component> features = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    public Lifecycle(PrometheusRegistry registry, RunningConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /** Adds a feature (already constructed): its metrics are registered now; it starts with {@link #start}. */
    public <T extends Component> T add(T feature) {
        features.add(feature);
        feature.register(registry);
        config.follow(feature);
        return feature;
    }

    /** Every feature's routes; a method and path served twice is a wiring error. */
    public List<Route> routes() {
        List<Route> table = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Component feature : features) {
            for (Route route : feature.routes()) {
                if (!seen.add(route.method() + " " + route.path())) {
                    throw new IllegalStateException("two features serve " + route.method() + " " + route.path());
                }
                table.add(route);
            }
        }
        return table;
    }

    /** Starts every feature in order; if one fails, closes all of them and rethrows. */
    public void start() {
        try {
            for (Component feature : features) {
                feature.start();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Quiesces every feature, then closes every feature, last added first; a failure in one is logged and the others
     * still close. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Component feature : features) {
            try {
                feature.quiesce();
            } catch (RuntimeException e) {
                LOG.warn("quiescing {} failed: {}", feature.getClass().getSimpleName(), e.toString());
            }
        }
        for (int i = features.size() - 1; i >= 0; i--) {
            Component feature = features.get(i);
            try {
                feature.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", feature.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
