package io.kongexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.ingest.LogBatch;
import io.kongexporter.ingest.LogEntry;
import io.kongexporter.ingest.LogEntryParser;
import io.kongsimulator.LogEntryWriter;
import io.kongsimulator.TrafficModel;
import io.kongsimulator.TrafficSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract between the two modules: what the simulator posts as http-log entries is what the exporter's
 * parser reads, value for value. (The simulator's own tests compare its entries with the Kong fixtures.)
 */
class SimulatedTrafficTest {

    private static final LogEntryParser PARSER = new LogEntryParser(Set.of("connection_type"), LogEntryParser.Limits.DEFAULTS);
    private static final long STARTED_AT = 1_750_156_812_345L;

    @Test
    void model_samples_of_every_outcome_parse_to_the_values_put_in_without_invalid_entries() throws Exception {
        TrafficModel model = new TrafficModel(11, 40, 0);
        List<TrafficSample> samples = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            samples.add(model.next(STARTED_AT + i * 25L, "demo-kong-1"));
        }

        byte[] body = new LogEntryWriter().writeBatch(samples);
        LogBatch batch = PARSER.parse(body, 0, body.length);

        assertThat(batch.invalidEntries()).as(batch.firstInvalidReason()).isZero();
        assertThat(batch.entries()).hasSize(samples.size());
        assertThat(batch.entries()).extracting(LogEntry::status).contains(101, 200, 401, 404, 429, 502);
        for (int i = 0; i < samples.size(); i++) {
            assertParsedAsWritten(batch.entries().get(i), samples.get(i));
        }
    }

    @Test
    void a_batch_of_one_entry_is_still_a_json_array() throws Exception {
        TrafficSample one = new TrafficModel(3, 40, 0).next(STARTED_AT, "demo-kong-2");

        byte[] body = new LogEntryWriter().writeBatch(List.of(one));

        assertThat(body[0]).isEqualTo((byte) '[');
        assertThat(PARSER.parse(body, 0, body.length).entries()).hasSize(1);
    }

    private static void assertParsedAsWritten(LogEntry entry, TrafficSample sample) {
        assertThat(entry.serviceName()).isEqualTo(sample.service() == null ? null : sample.service().name());
        assertThat(entry.serviceHost()).isEqualTo(sample.service() == null ? null : sample.service().host());
        assertThat(entry.routeName()).isEqualTo(sample.route() == null ? null : sample.route().name());
        assertThat(entry.routeId()).isEqualTo(sample.route() == null ? null : sample.route().id());
        assertThat(entry.consumerUsername()).isEqualTo(sample.consumer() == null ? null : sample.consumer().username());
        assertThat(entry.consumerCustomId()).isEqualTo(sample.consumer() == null ? null : sample.consumer().customId());
        assertThat(entry.consumerId()).isEqualTo(sample.consumer() == null ? null : sample.consumer().id());
        assertThat(entry.status()).isEqualTo(sample.status());
        assertThat(entry.source()).isEqualTo(sample.source().value());
        assertThat(entry.workspaceName()).isEqualTo("default");
        assertThat(entry.latencyKong()).isEqualTo(sample.latencies().kong());
        assertThat(entry.latencyProxy()).isEqualTo(sample.latencies().proxy());
        assertThat(entry.latencyRequest()).isEqualTo(sample.latencies().request());
        assertThat(entry.latencyReceive()).isEqualTo(sample.latencies().receive());
        assertThat(entry.requestSize()).isEqualTo(sample.request().size());
        assertThat(entry.responseSize()).isEqualTo(sample.responseSize());
        assertThat(entry.requestId()).isEqualTo(sample.request().id());
        assertThat(entry.startedAt()).isEqualTo(sample.startedAt());
        assertThat(entry.tries()).isEqualTo(sample.route() == null ? -1 : sample.tries());
        assertThat(entry.stream()).isFalse();
        assertThat(entry.extraFields()).isEqualTo(sample.websocket() ? Map.of("connection_type", "websocket") : Map.of());
    }
}
