package io.kongexporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kongfixtures.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes: rendered from the chart (never edited by hand), and what kustomize builds from it parses strictly. */
class PlainManifestsTest {
    private static final Path KUBERNETES = Fixtures.projectRoot().resolve("deploy/kubernetes").normalize();

    @Test
    void the_checked_in_manifests_are_the_chart_rendered_with_their_values() throws Exception {
        Map<Path, String> expected = PlainManifests.render(KUBERNETES);
        for (Map.Entry<Path, String> file : expected.entrySet()) {
            assertThat(file.getKey()).as("run scripts/sync-chart.sh").exists();
            assertThat(Files.readString(file.getKey())).as(file.getKey() + " is stale: run scripts/sync-chart.sh").isEqualTo(file.getValue());
        }
        try (Stream<Path> files = Stream.concat(Files.list(KUBERNETES.resolve("base")), Files.list(KUBERNETES.resolve("monitoring")))) {
            assertThat(files.toList()).as("no file there that the chart does not render").containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
    }

    @Test
    void the_base_carries_no_namespace_and_no_helm_labels() {
        RenderedObjects base = RenderedObjects.parse(KustomizeBuild.assemble(KUBERNETES.resolve("base")));
        assertThat(base.kinds()).containsExactlyInAnyOrder("ServiceAccount/kong-exporter", "ConfigMap/kong-exporter", "Service/kong-exporter",
                "Deployment/kong-exporter", "NetworkPolicy/kong-exporter");
        for (JsonNode object : base.objects()) {
            assertThat(object.path("metadata").has("namespace")).as(object.path("kind").asText()).isFalse();
            assertThat(object.path("metadata").path("labels").has("app.kubernetes.io/managed-by")).isFalse();
            assertThat(object.toString()).doesNotContain(PlainManifests.renderNamespace());
        }
    }

    @Test
    void kustomize_builds_of_base_monitoring_and_the_overlay_parse_strictly() {
        for (String dir : new String[] {"base", "monitoring", "overlays/example"}) {
            RenderedObjects built = KustomizeBuild.build(KUBERNETES.resolve(dir));
            assertThat(built.objects()).as(dir).isNotEmpty();
            built.objects().forEach(StrictModel::parse);
        }
    }

    @Test
    void the_overlay_example_sets_namespace_image_config_and_token() {
        if (!KustomizeBuild.kubectlInstalled()) {
            System.err.println("PlainManifestsTest: no kubectl on the PATH: the overlay's transformations are not checked, only its resources");
            assertThat(KustomizeBuild.assemble(KUBERNETES.resolve("overlays/example"))).contains("kind: Deployment").contains("kind: PrometheusRule");
            return;
        }
        RenderedObjects overlay = KustomizeBuild.build(KUBERNETES.resolve("overlays/example"));
        Deployment deployment = StrictModel.parse(overlay.get("Deployment", "kong-exporter"), Deployment.class);
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo("monitoring");
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example.com/kong-exporter:0.2.0");
        assertThat(overlay.get("Secret", "kong-exporter-ingest-token").path("data").path("token").asText()).isEqualTo(HelmChartTest.base64("CHANGE-ME"));
        assertThat(overlay.get("ConfigMap", "kong-exporter").path("data").path("kong-exporter.yml").asText())
                .contains("token_file: /etc/kong-exporter/secrets/ingest/token").contains("listen: 0.0.0.0:9542");
        assertThat(overlay.get("ServiceMonitor", "kong-exporter").path("metadata").path("labels").path("release").asText()).isEqualTo("kube-prometheus-stack");
    }
}
