package io.kongexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ingest.path} cannot take over a route the exporter serves; {@code ingest.extra_labels} cannot clash with a label it sets. */
class IngestSectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"/probe", "/events", "/metrics", "/", "/-/healthy", "/-/reload", "/live", "/live/app.js", "/api/history",
        "/api/alerts", "/stream/kong-1/status", "/alerts/webhook", "/probe/", "/logs/../probe", "//probe", "/./probe"})
    void an_ingest_path_on_a_route_the_exporter_serves_is_a_config_error(String path) {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--ingest.path=" + path)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/logs", "/kong/http-log", "/ingest", "/v1/logs"})
    void an_ingest_path_of_its_own_is_accepted(String path) throws Exception {
        assertThat(ConfigLoader.load(Map.of(), CommandLine.parse("--ingest.path=" + path)).ingest().path()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"code", "service", "route", "source", "workspace", "consumer", "direction", "le", "quantile",
        "connection_type,connection_type", "__name__", "1abc", "a-b", "node"})
    void an_extra_label_that_clashes_with_a_built_in_label_or_is_not_a_label_name_is_a_config_error(String labels) {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), CommandLine.parse("--ingest.extra_labels=" + labels)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.extra_labels");
    }

    @ParameterizedTest
    @ValueSource(strings = {"connection_type", "tenant,region", "kong_cluster"})
    void extra_labels_of_custom_fields_are_accepted(String labels) throws Exception {
        assertThat(ConfigLoader.load(Map.of(), CommandLine.parse("--ingest.extra_labels=" + labels)).ingest().extraLabels()).isNotEmpty();
    }
}
