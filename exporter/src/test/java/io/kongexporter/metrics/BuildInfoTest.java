package io.kongexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kong_exporter_build_info carries what the build wrote (version, git revision and branch, filtered into
 * build-info.properties by the pom) and the Java version, as Prometheus' exporters label their build_info.
 */
class BuildInfoTest {
    @Test
    void build_info_carries_the_version_revision_branch_and_java_version_the_build_wrote() {
        try (RunningExporter exporter = RunningExporter.start(Map.of())) {
            List<Scrape.Sample> samples = exporter.scrape().find("kong_exporter_build_info");
            assertThat(samples).hasSize(1);
            Map<String, String> labels = samples.get(0).labels();
            BuildInfo build = BuildInfo.fromBuild();
            assertThat(labels).containsEntry("version", build.version()).containsEntry("revision", build.revision())
                    .containsEntry("branch", build.branch()).containsEntry("javaversion", System.getProperty("java.version"));
            // written by the build, not a placeholder nor the fallback: the tests run from classes Maven filtered
            assertThat(build.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
            assertThat(build.revision()).matches("[0-9a-f]{7,40}|unknown");
            assertThat(build.buildDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(samples.get(0).value()).isEqualTo(1.0);
        }
    }
}
