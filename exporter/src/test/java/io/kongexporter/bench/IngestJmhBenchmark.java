package io.kongexporter.bench;

import io.kongexporter.config.MetricsConfig;
import io.kongexporter.ingest.LogBatch;
import io.kongexporter.ingest.LogEntryParser;
import io.kongexporter.traffic.TrafficRecorder;
import io.kongfixtures.Fixtures;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-entry cost of the ingest hot path over the same bytes: a Jackson token walk (the floor any JSON reader
 * pays), our parse alone, and parse + record into the traffic metrics. A batch of 100 Kong 3.9 entries
 * (the wire fixture, ~2.5 KB each) spread over 20 services x 3 routes and several codes.
 * Run with {@code scripts/bench.sh jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms512m", "-Xmx512m"})
public class IngestJmhBenchmark {
    static final int ENTRIES = 100;

    byte[] batch;
    LogEntryParser parser;
    TrafficRecorder recorder;
    com.fasterxml.jackson.core.JsonFactory jackson;

    @Setup(Level.Trial)
    public void setUp() {
        String entry = new String(Fixtures.httpLog("entry-3.9-proxied-200-consumer.wire.json"), StandardCharsets.UTF_8).trim();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        int[] codes = {200, 200, 200, 200, 201, 204, 404, 429, 500, 502};
        for (int i = 0; i < ENTRIES; i++) {
            String varied = entry.replace("\"name\":\"orders-api\"", "\"name\":\"svc-" + (i % 20) + "\"")
                    .replace("\"name\":\"orders-route\"", "\"name\":\"route-" + (i % 60) + "\"")
                    .replace("\"status\":200", "\"status\":" + codes[i % codes.length]);
            out.writeBytes(varied.getBytes(StandardCharsets.UTF_8));
            out.write(i + 1 < ENTRIES ? ',' : ']');
        }
        batch = out.toByteArray();
        parser = new LogEntryParser(Set.of(), LogEntryParser.Limits.DEFAULTS);
        recorder = new TrafficRecorder(MetricsConfig.defaults(), List.of(), new PrometheusRegistry());
        jackson = new com.fasterxml.jackson.core.JsonFactory();
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void jacksonTokenWalk(Blackhole bh) throws Exception {
        try (var p = jackson.createParser(batch)) {
            while (p.nextToken() != null) {
                bh.consume(p.currentTokenId());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public LogBatch parseOnly() throws Exception {
        return parser.parse(batch, 0, batch.length);
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void parseAndRecord() throws Exception {
        recorder.record(parser.parse(batch, 0, batch.length).entries());
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(new String[] {IngestJmhBenchmark.class.getSimpleName()});
    }
}
