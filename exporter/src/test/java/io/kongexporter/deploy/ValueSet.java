package io.kongexporter.deploy;

import io.kongfixtures.Fixtures;
import java.nio.file.Path;
import java.util.List;

/** The value sets the chart is tested with; their files are in src/test/resources/io/kongexporter/deploy. */
enum ValueSet {
    DEFAULTS(),
    /** TLS and basic auth on the exporter, a token for /logs and one for Kong's Admin API, every optional object on. */
    TLS_ON("values-tls.yaml"),
    /** /probe over Kong pods found by service discovery, sharded over three replicas. */
    PROBE_SHARDING("values-probe-sharding.yaml"),
    /** Every secret from a Secret the operator manages. */
    EXISTING_SECRETS("values-existing-secrets.yaml");

    private final List<String> files;

    ValueSet(String... files) {
        this.files = List.of(files);
    }

    List<Path> files() {
        Path dir = Fixtures.projectRoot().resolve("exporter/src/test/resources/io/kongexporter/deploy");
        return files.stream().map(dir::resolve).toList();
    }
}
