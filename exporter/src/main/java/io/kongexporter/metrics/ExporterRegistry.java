package io.kongexporter.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** The registry /metrics serves: the features' metrics, the exporter's build info and the JVM's metrics. */
public final class ExporterRegistry {
    /**
     * JVM metrics are registered once per JVM: client_java's JVM instrumentation installs GC notification listeners
     * that hold on to the registry they feed, so a registry per exporter instance (tests start many) would never
     * be collected.
     */
    private static final PrometheusRegistry JVM = new PrometheusRegistry();

    static {
        JvmMetrics.builder().register(JVM);
    }

    private ExporterRegistry() {}

    /** A registry with the exporter's build info and the JVM's metrics; the features register theirs. */
    public static PrometheusRegistry create(BuildInfo build) {
        PrometheusRegistry registry = new PrometheusRegistry();
        MetricSnapshot buildInfo = InfoSnapshot.builder()
                .name("kong_exporter_build")
                .help("kong-exporter build information; the value is always 1.")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                        .labels(Labels.of("version", build.version(), "revision", build.revision(), "branch", build.branch(),
                                "javaversion", build.javaVersion()))
                        .build())
                .build();
        registry.register(() -> buildInfo);
        registry.register((MultiCollector) JVM::scrape);
        return registry;
    }
}
