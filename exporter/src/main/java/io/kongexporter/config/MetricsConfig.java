package io.kongexporter.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code metrics:} section: naming of the traffic metrics and the bounds on their cardinality.
 *
 * @param latencyBucketsSeconds classic histogram bucket bounds in seconds, or empty for Kong's own boundaries
 * @param maxSeries series per metric before new label values collapse into {@code __overflow__}
 * @param maxLabelValues distinct values per label (service, route, consumer) before they collapse
 * @param seriesTtl series not updated for this long are removed
 * @param maxLabelLength bytes (UTF-8) of a label value taken from an entry; longer values are truncated with a marker
 * @param perConsumer kong-plugin naming only: the {@code consumer} label holds the consumer's username, as with the
 *                    plugin's {@code per_consumer: true}; otherwise it is {@code ""}, as with the plugin's default
 * @param maxSamples samples all traffic metrics may expose together (a histogram series costs its buckets + 3), so the
 *                   worst-case scrape is bounded by what Prometheus pays; past it new series collapse like past maxSeries
 * @param latencyLabels whether the latency histograms are per route or per service
 */
public record MetricsConfig(Naming naming, ConsumerLabel consumerLabel, List<Double> latencyBucketsSeconds,
                            int maxSeries, int maxLabelValues, Duration seriesTtl, int maxLabelLength, boolean perConsumer,
                            int maxSamples, LatencyLabels latencyLabels) {
    public static final int DEFAULT_MAX_LABEL_LENGTH = 256;
    public static final int DEFAULT_MAX_SAMPLES = 150_000;

    /** The labels of the latency histograms: {@code route} (service, route, workspace) or {@code service} (route is {@code ""}). */
    public enum LatencyLabels {
        ROUTE("route"), SERVICE("service");

        private final String value;

        LatencyLabels(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** {@code default}: Prometheus conventions (seconds, _total); {@code kong-plugin}: exactly Kong's prometheus plugin 3.9. */
    public enum Naming {
        DEFAULT("default"), KONG_PLUGIN("kong-plugin");

        private final String value;

        Naming(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** Which consumer field names the consumer; {@code username} falls back to custom_id, then id. */
    public enum ConsumerLabel {
        USERNAME("username"), CUSTOM_ID("custom_id"), ID("id"), NONE("none");

        private final String value;

        ConsumerLabel(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public MetricsConfig {
        latencyBucketsSeconds = List.copyOf(latencyBucketsSeconds);
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(Naming.DEFAULT, ConsumerLabel.USERNAME, List.of(), 20_000, 10_000, Duration.ofHours(1), DEFAULT_MAX_LABEL_LENGTH, false,
                DEFAULT_MAX_SAMPLES, LatencyLabels.ROUTE);
    }
}
