package io.kongexporter.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * The samples of one metric family gathered during a scrape, turned into a client_java snapshot at the end.
 * Names are given as exposed ({@code kong_nginx_requests_total}, {@code kong_node_info}); the client
 * library's base names are derived here.
 */
public final class MetricFamily {
    enum Type { GAUGE, COUNTER, INFO }

    private record Sample(Labels labels, double value) {}

    private final Type type;
    private final String name;
    private final String help;
    private final List<Sample> samples = new ArrayList<>();

    private MetricFamily(Type type, String name, String help) {
        this.type = type;
        this.name = name;
        this.help = help;
    }

    public static MetricFamily gauge(String name, String help) {
        return new MetricFamily(Type.GAUGE, name, help);
    }

    public static MetricFamily counter(String name, String help) {
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("counter names end with _total: " + name);
        }
        return new MetricFamily(Type.COUNTER, name, help);
    }

    public static MetricFamily info(String name, String help) {
        if (!name.endsWith("_info")) {
            throw new IllegalArgumentException("info names end with _info: " + name);
        }
        return new MetricFamily(Type.INFO, name, help);
    }

    /** Adds a sample; labels as name, value, name, value... */
    public MetricFamily add(double value, String... labelPairs) {
        return add(value, Labels.of(labelPairs));
    }

    public MetricFamily add(double value, Labels labels) {
        samples.add(new Sample(labels, value));
        return this;
    }

    public MetricFamily addInfo(String... labelPairs) {
        return add(1, labelPairs);
    }

    public MetricFamily addInfo(Labels labels) {
        return add(1, labels);
    }

    String name() {
        return name;
    }

    MetricSnapshot snapshot() {
        return switch (type) {
            case GAUGE -> {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
                samples.forEach(s -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(s.labels()).value(s.value()).build()));
                yield b.build();
            }
            case COUNTER -> {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name.substring(0, name.length() - "_total".length())).help(help);
                samples.forEach(s -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(s.labels()).value(s.value()).build()));
                yield b.build();
            }
            case INFO -> {
                InfoSnapshot.Builder b = InfoSnapshot.builder().name(name.substring(0, name.length() - "_info".length())).help(help);
                samples.forEach(s -> b.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(s.labels()).build()));
                yield b.build();
            }
        };
    }

    /** Snapshots of the families that have samples, in the order given. */
    public static MetricSnapshots snapshots(List<MetricFamily> families) {
        List<MetricSnapshot> out = new ArrayList<>(families.size());
        for (MetricFamily family : families) {
            if (!family.samples.isEmpty()) {
                out.add(family.snapshot());
            }
        }
        return new MetricSnapshots(out);
    }
}
