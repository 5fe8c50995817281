package io.kongexporter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A README metric table (the Kafka one, the live fleet's) against a live scrape of an exporter reading Kafka: every row is exported with its
 * type and labels, every {@code kong_exporter_kafka_} metric exported has a row, every label value the table lists
 * for {@code result} is reached, and {@code promtool check metrics} is silent.
 */
final class KafkaMetricTable {
    private KafkaMetricTable() {}

    static void check(Scrape scrape) throws IOException, InterruptedException {
        check(scrape, "kafka-metric-table", "kong_exporter_kafka_");
    }

    /** The README table between {@code <!-- marker:start} and {@code <!-- marker:end}, of the metrics named {@code prefix...}. */
    static void check(Scrape scrape, String marker, String prefix) throws IOException, InterruptedException {
        String readme = Files.readString(Fixtures.projectRoot().resolve("README.md"));
        String table = readme.substring(readme.indexOf("<!-- " + marker + ":start"), readme.indexOf("<!-- " + marker + ":end"));
        Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| (\\w+) \\|([^|]*)\\|([^|]*)\\|$").matcher(table);
        Set<String> documented = new TreeSet<>();
        while (row.find()) {
            String name = row.group(1);
            documented.add(name);
            assertThat(scrape.find(name)).as("samples of %s", name).isNotEmpty();
            assertThat(scrape.text()).as("type of %s", name).contains("# TYPE " + name + " " + row.group(2));
            Set<String> labels = new TreeSet<>();
            Matcher label = Pattern.compile("`([a-z_]+)`").matcher(row.group(3));
            while (label.find()) {
                labels.add(label.group(1));
            }
            scrape.find(name).forEach(s -> assertThat(s.labels().keySet()).as("labels of %s", name).containsExactlyInAnyOrderElementsOf(labels));
            if (labels.contains("result")) {
                Matcher value = Pattern.compile("`([a-z]+)`").matcher(row.group(4));
                while (value.find()) {
                    String listed = value.group(1);
                    assertThat(scrape.find(name, "result", listed).stream().mapToDouble(Scrape.Sample::value).sum())
                            .as("documented value %s of %s is reached", listed, name).isPositive();
                }
            }
        }
        Set<String> exported = new TreeSet<>();
        scrape.names().stream().filter(n -> n.startsWith(prefix)).forEach(exported::add);
        assertThat(documented).as("the README's " + marker + " lists every " + prefix + " metric").isEqualTo(exported);
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(scrape.text().getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("promtool check metrics").isEmpty();
    }
}
