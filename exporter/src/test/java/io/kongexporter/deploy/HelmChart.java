package io.kongexporter.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.kongfixtures.Fixtures;
import java.nio.file.Path;
import java.util.List;

/**
 * The chart in {@code deploy/helm/kong-exporter}, rendered and linted by Helm itself (helm-java bundles Helm's
 * native library), with no cluster: {@code helm template} and {@code helm lint}.
 */
final class HelmChart {
    static final String RELEASE = "kong-exporter";
    static final String NAMESPACE = "monitoring";

    private HelmChart() {}

    static Path dir() {
        return Fixtures.projectRoot().resolve("deploy/helm/kong-exporter").normalize();
    }

    /** {@code helm template kong-exporter CHART --namespace NAMESPACE -f VALUES...}. */
    static RenderedObjects render(String namespace, List<Path> valuesFiles) {
        TemplateCommand template = new Helm(dir()).template().withName(RELEASE).withNamespace(namespace);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        return RenderedObjects.parse(template.call());
    }

    static RenderedObjects render(ValueSet values) {
        return render(NAMESPACE, values.files());
    }

    /** {@code helm lint --strict CHART} (the chart's default values). */
    static LintResult lint() {
        return new Helm(dir()).lint().strict().call();
    }
}
