package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {

    @Test
    void without_flags_the_nodes_are_on_the_ports_the_exporters_demo_polls_and_the_traffic_goes_to_its_default_log_url() {
        SimulatorOptions options = SimulatorOptions.parse();

        assertThat(options.firstPort()).isEqualTo(18001);
        assertThat(options.logsUrl()).isEqualTo(URI.create("http://127.0.0.1:9542/logs"));
        assertThat(options.token()).isEmpty();
        assertThat(options.entriesPerSecond()).isEqualTo(TrafficGenerator.DEFAULT_ENTRIES_PER_SECOND);
        assertThat(options.batchSize()).isEqualTo(TrafficGenerator.DEFAULT_BATCH_SIZE);
        assertThat(options.exporterJar()).isEmpty();
    }

    @Test
    void flags_take_their_value_after_an_equals_sign_or_as_the_next_argument() {
        SimulatorOptions options = SimulatorOptions.parse("--first-port=19001", "--logs-url", "http://10.0.0.5:9600/kong-logs",
                "--token=s3cret", "--entries-per-second", "250", "--batch-size=10");

        assertThat(options.firstPort()).isEqualTo(19001);
        assertThat(options.logsUrl()).isEqualTo(URI.create("http://10.0.0.5:9600/kong-logs"));
        assertThat(options.token()).contains("s3cret");
        assertThat(options.entriesPerSecond()).isEqualTo(250.0);
        assertThat(options.batchSize()).isEqualTo(10);
    }

    @Test
    void everything_after_the_exporter_jar_is_passed_to_the_exporter() {
        SimulatorOptions options = SimulatorOptions.parse("--batch-size=5", "--run-exporter", "exporter/target/kong-exporter.jar",
                "--listen=127.0.0.1:9600", "--batch-size=7", "--help");

        assertThat(options.exporterJar()).contains(Path.of("exporter/target/kong-exporter.jar"));
        assertThat(options.exporterFlags()).containsExactly("--listen=127.0.0.1:9600", "--batch-size=7", "--help");
        assertThat(options.batchSize()).isEqualTo(5);
        assertThat(options.help()).isFalse();
    }

    @Test
    void a_bad_flag_or_value_is_rejected_with_its_name() {
        assertThatThrownBy(() -> SimulatorOptions.parse("--nodes=5")).hasMessageContaining("--nodes");
        assertThatThrownBy(() -> SimulatorOptions.parse("--first-port=70000")).hasMessageContaining("--first-port").hasMessageContaining("70000");
        assertThatThrownBy(() -> SimulatorOptions.parse("--batch-size=0")).hasMessageContaining("--batch-size");
        assertThatThrownBy(() -> SimulatorOptions.parse("--entries-per-second=-1")).hasMessageContaining("--entries-per-second");
        assertThatThrownBy(() -> SimulatorOptions.parse("--logs-url=ftp://x/logs")).hasMessageContaining("--logs-url");
        assertThatThrownBy(() -> SimulatorOptions.parse("--token")).hasMessageContaining("--token needs a value");
        assertThat(SimulatorOptions.parse("--token=").token()).isEqualTo(Optional.empty());
        assertThat(SimulatorOptions.parse("--help").help()).isTrue();
        assertThat(List.of(SimulatorOptions.USAGE.split("\n"))).anyMatch(line -> line.contains("--run-exporter JAR"));
    }
}
