package io.kongexporter.kafka;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka consumer's own metrics: records and entries per topic, lag per partition, assigned partitions,
 * rebalances, commit failures and whether the brokers answer.
 *
 * <pre>
 * kong_exporter_kafka_records_total{topic="kong-logs",result="accepted"} 1200
 * kong_exporter_kafka_records_total{topic="kong-logs",result="invalid"} 1
 * kong_exporter_kafka_entries_total{topic="kong-logs"} 1200
 * kong_exporter_kafka_lag{topic="kong-logs",partition="0"} 35
 * kong_exporter_kafka_assigned_partitions 3
 * kong_exporter_kafka_rebalances_total 2
 * kong_exporter_kafka_commit_failures_total 0
 * kong_exporter_kafka_up 1
 * </pre>
 */
final class KafkaMetrics {
    static final String RECORDS = "kong_exporter_kafka_records_total";
    static final String ENTRIES = "kong_exporter_kafka_entries_total";
    static final String LAG = "kong_exporter_kafka_lag";
    static final String ASSIGNED = "kong_exporter_kafka_assigned_partitions";
    static final String REBALANCES = "kong_exporter_kafka_rebalances_total";
    static final String COMMIT_FAILURES = "kong_exporter_kafka_commit_failures_total";
    static final String UP = "kong_exporter_kafka_up";

    private final Counter records;
    private final Counter entries;
    private final Gauge lag;
    private final Gauge assigned;
    private final Counter rebalances;
    private final Counter commitFailures;
    private final Gauge up;

    KafkaMetrics(PrometheusRegistry registry, Iterable<String> topics) {
        records = Counter.builder().name(RECORDS)
                .help("Kafka records read, by topic and result: accepted (JSON, its entries handed on), invalid (not JSON, skipped).")
                .labelNames("topic", "result").withoutExemplars().register(registry);
        entries = Counter.builder().name(ENTRIES)
                .help("Log entries from Kafka records counted in the traffic metrics, by topic (re-sent ones counted before excluded).")
                .labelNames("topic").withoutExemplars().register(registry);
        for (String topic : topics) {
            records.initLabelValues(topic, "accepted");
            records.initLabelValues(topic, "invalid");
            entries.initLabelValues(topic);
        }
        lag = Gauge.builder().name(LAG).help("Records in the partition not yet read by this replica (log end offset minus position), per assigned partition.")
                .labelNames("topic", "partition").register(registry);
        assigned = Gauge.builder().name(ASSIGNED).help("Partitions assigned to this replica by its consumer group.").register(registry);
        rebalances = Counter.builder().name(REBALANCES).help("Partition assignments received from the consumer group (each rebalance this replica took part in).")
                .withoutExemplars().register(registry);
        commitFailures = Counter.builder().name(COMMIT_FAILURES)
                .help("Offset commits that failed or timed out; the records after the last committed offset are read again by the partition's next owner.")
                .withoutExemplars().register(registry);
        up = Gauge.builder().name(UP).help("1 if the Kafka brokers answered the consumer's latest request, else 0.").register(registry);
    }

    void record(String topic, boolean accepted, int entryCount) {
        records.labelValues(topic, accepted ? "accepted" : "invalid").inc();
        if (entryCount > 0) {
            entries.labelValues(topic).inc(entryCount);
        }
    }

    void lag(TopicPartition partition, long records) {
        lag.labelValues(partition.topic(), Integer.toString(partition.partition())).set(records);
    }

    void unassigned(TopicPartition partition) {
        lag.remove(partition.topic(), Integer.toString(partition.partition()));
    }

    void assigned(int partitions) {
        assigned.set(partitions);
    }

    void rebalanced() {
        rebalances.inc();
    }

    void commitFailed() {
        commitFailures.inc();
    }

    void up(boolean answered) {
        up.set(answered ? 1 : 0);
    }
}
