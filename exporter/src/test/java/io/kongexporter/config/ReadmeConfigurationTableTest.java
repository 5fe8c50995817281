package io.kongexporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongfixtures.Fixtures;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table has a row for every key, with its environment variable, and no row for a key that does not exist. */
class ReadmeConfigurationTableTest {

    @Test
    void the_readme_configuration_table_lists_every_key_with_its_environment_variable() throws Exception {
        List<String> rows = Files.readAllLines(Fixtures.projectRoot().resolve("README.md")).stream()
                .filter(line -> line.matches("\\| `[a-z_.]+` \\| `KONG_EXPORTER_[A-Z_]+` \\|.*")).toList();
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(rows).as(key.path()).anyMatch(row -> row.startsWith("| `" + key.path() + "` | `" + key.envName() + "` |"));
        }
        assertThat(rows).hasSize(ConfigKey.values().length);
    }
}
