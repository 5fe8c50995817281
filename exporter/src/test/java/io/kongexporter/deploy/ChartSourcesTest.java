package io.kongexporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.kongfixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart and the compose bundle share their sources: the PrometheusRule is alert-rules/kong.rules.yml and the
 * dashboard ConfigMaps are grafana-dashboards/*.json, through copies in the chart that must not differ.
 */
class ChartSourcesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Fixtures.projectRoot().normalize();
    private static final Path FILES = HelmChart.dir().resolve("files");

    @TempDir
    Path dir;

    @Test
    void the_charts_rule_file_is_the_repositorys_alert_rules() throws Exception {
        assertThat(Files.readString(FILES.resolve("kong.rules.yml"))).as("run scripts/sync-chart.sh")
                .isEqualTo(Files.readString(ROOT.resolve("alert-rules/kong.rules.yml")));
    }

    @Test
    void the_charts_dashboards_are_the_repositorys_dashboards() throws Exception {
        List<String> repository = jsonFiles(ROOT.resolve("grafana-dashboards"));
        assertThat(jsonFiles(FILES.resolve("dashboards"))).as("run scripts/sync-chart.sh").isEqualTo(repository);
        for (String name : repository) {
            assertThat(Files.readString(FILES.resolve("dashboards").resolve(name))).as(name + ": run scripts/sync-chart.sh")
                    .isEqualTo(Files.readString(ROOT.resolve("grafana-dashboards").resolve(name)));
        }
    }

    @Test
    void the_rendered_prometheus_rule_holds_exactly_the_rule_groups_of_alert_rules() throws Exception {
        JsonNode rendered = prometheusRule().path("spec");
        JsonNode source = YAML.readTree(ROOT.resolve("alert-rules/kong.rules.yml").toFile());
        assertThat(rendered).isEqualTo(source);
        PrometheusRule typed = StrictModel.parse(prometheusRule(), PrometheusRule.class);
        assertThat(typed.getSpec().getGroups()).hasSize(source.path("groups").size());
    }

    /** promtool checks the rendered rules as it checks the source, and the source's unit tests pass on them. */
    @Test
    void promtool_checks_and_unit_tests_pass_on_the_rendered_prometheus_rule() throws Exception {
        Path rules = dir.resolve("kong.rules.yml");
        YAML.writeValue(rules.toFile(), prometheusRule().path("spec"));
        run("promtool", "check", "rules", rules.toString());
        Path tests = Files.createDirectories(dir.resolve("tests"));
        List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
        try (Stream<Path> files = Files.list(ROOT.resolve("alert-rules/tests"))) {
            for (Path test : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                Files.copy(test, tests.resolve(test.getFileName()));
                command.add(tests.resolve(test.getFileName()).toString());
            }
        }
        assertThat(command).hasSizeGreaterThan(3);
        run(command.toArray(String[]::new));
    }

    @Test
    void every_dashboard_is_a_configmap_with_the_grafana_sidecar_label_and_the_dashboard_unchanged() throws Exception {
        List<JsonNode> maps = HelmChart.render(ValueSet.TLS_ON).objects().stream()
                .filter(o -> o.path("metadata").path("labels").has("grafana_dashboard")).toList();
        List<String> dashboards = jsonFiles(ROOT.resolve("grafana-dashboards"));
        assertThat(maps).hasSize(dashboards.size());
        for (JsonNode object : maps) {
            ConfigMap map = StrictModel.parse(object, ConfigMap.class);
            assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
            assertThat(map.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Kong");
            assertThat(map.getData()).hasSize(1);
            var entry = map.getData().entrySet().iterator().next();
            assertThat(dashboards).contains(entry.getKey());
            assertThat(JSON.readTree(entry.getValue())).isEqualTo(JSON.readTree(ROOT.resolve("grafana-dashboards").resolve(entry.getKey()).toFile()));
        }
    }

    private static ObjectNode prometheusRule() {
        return (ObjectNode) HelmChart.render(ValueSet.TLS_ON).get("PrometheusRule", "kong-exporter");
    }

    private static List<String> jsonFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    }
}
