package io.kongexporter.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain manifests of {@code deploy/kubernetes}, rendered from the Helm chart so that the two cannot drift:
 * {@code base/} from the values in {@code base.values.yaml}, {@code monitoring/} (Prometheus Operator and Grafana
 * objects) from {@code monitoring.values.yaml}. One file per chart template, as Helm's {@code # Source:} comments
 * split them, without the namespace (kustomize or {@code kubectl -n} decides it) and without Helm's own labels.
 * {@code scripts/sync-chart.sh} writes them; {@code PlainManifestsTest} fails when the checked-in ones are stale.
 */
final class PlainManifests {
    /** A kustomize directory and the chart templates whose objects it holds. */
    private record Part(String dir, String valuesFile, List<String> templates) {}

    private static final List<Part> PARTS = List.of(
            new Part("base", "base.values.yaml", List.of("serviceaccount.yaml", "configmap.yaml", "service.yaml", "workload.yaml", "networkpolicy.yaml")),
            new Part("monitoring", "monitoring.values.yaml", List.of("servicemonitor.yaml", "prometheusrule.yaml", "dashboards.yaml")));
    private static final String RENDER_NAMESPACE = "kong-exporter-render";
    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: kong-exporter/templates/(\\S+)$");
    private static final String HEADER = "# Rendered from deploy/helm/kong-exporter by scripts/sync-chart.sh (values: deploy/kubernetes/%s).\n"
            + "# Do not edit: change the chart or the values and run the script; a test fails when this file is stale.\n";

    private PlainManifests() {}

    /** Writes deploy/kubernetes/{base,monitoring} under the given repository root. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        for (Map.Entry<Path, String> file : render(root.resolve("deploy/kubernetes")).entrySet()) {
            Files.createDirectories(file.getKey().getParent());
            Files.writeString(file.getKey(), file.getValue());
            System.out.println("wrote " + root.relativize(file.getKey()));
        }
    }

    /** Every generated file by path, with its content. */
    static Map<Path, String> render(Path kubernetesDir) {
        Map<Path, String> files = new LinkedHashMap<>();
        for (Part part : PARTS) {
            String yaml = HelmChart.render(RENDER_NAMESPACE, List.of(kubernetesDir.resolve(part.valuesFile()))).yaml();
            Map<String, String> byTemplate = splitBySource(yaml);
            List<String> resources = new ArrayList<>();
            for (String template : part.templates()) {
                String objects = byTemplate.get(template);
                if (objects == null) {
                    throw new IllegalStateException(part.valuesFile() + " renders nothing from " + template);
                }
                files.put(kubernetesDir.resolve(part.dir()).resolve(template), HEADER.formatted(part.valuesFile()) + plain(objects));
                resources.add(template);
            }
            files.put(kubernetesDir.resolve(part.dir()).resolve("kustomization.yaml"), HEADER.formatted(part.valuesFile())
                    + "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
                    + String.join("", resources.stream().map(r -> "  - " + r + "\n").toList()));
        }
        return files;
    }

    /** Template file name to the documents rendered from it, in Helm's order. */
    private static Map<String, String> splitBySource(String yaml) {
        Map<String, String> byTemplate = new LinkedHashMap<>();
        String[] documents = yaml.split("(?m)^---\\s*$");
        for (String document : documents) {
            Matcher source = SOURCE.matcher(document);
            if (!source.find()) {
                continue;
            }
            String body = document.substring(source.end()).strip();
            if (body.isEmpty()) {
                continue;
            }
            byTemplate.merge(source.group(1), body + "\n", (a, b) -> a + "---\n" + b);
        }
        return byTemplate;
    }

    /** Without the render namespace and the labels that say Helm manages the object. */
    private static String plain(String objects) {
        return objects
                .replaceAll("(?m)^  namespace: " + RENDER_NAMESPACE + "\\n", "")
                .replaceAll("(?m)^\\s+helm\\.sh/chart: .*\\n", "")
                .replaceAll("(?m)^\\s+app\\.kubernetes\\.io/managed-by: Helm\\n", "");
    }

    static String renderNamespace() {
        return RENDER_NAMESPACE;
    }
}
