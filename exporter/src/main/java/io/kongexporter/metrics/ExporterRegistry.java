package io.kongexporter.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** The registry /metrics serves: Kong node metrics, the exporter's own metrics and JVM metrics. */
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

    public static PrometheusRegistry create(MultiCollector nodes, BuildInfo build) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(nodes);
        MetricSnapshot buildInfo = InfoSnapshot.builder()
                .name("kong_exporter_build")
                .help("kong-exporter build information; the value is always 1.")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                        .labels(Labels.of("version", build.version()))
                        .build())
                .build();
        registry.register(() -> buildInfo);
        registry.register((MultiCollector) JVM::scrape);
        return registry;
    }
}
