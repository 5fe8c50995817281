package io.kongexporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart README's values table lists every value of values.yaml with its default, and nothing else. */
class ChartValuesTableTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\| `([^`]*)` \\|");

    @Test
    void every_value_of_values_yaml_is_in_the_readme_table_with_its_default() throws Exception {
        JsonNode values = YAML.readTree(HelmChart.dir().resolve("values.yaml").toFile());
        Map<String, JsonNode> table = table(Files.readString(HelmChart.dir().resolve("README.md")));
        assertThat(table).isNotEmpty();
        for (Map.Entry<String, JsonNode> row : table.entrySet()) {
            JsonNode value = values.at("/" + row.getKey().replace(".", "/"));
            assertThat(value.isMissingNode()).as("table row %s is not a value of values.yaml", row.getKey()).isFalse();
            assertThat(row.getValue()).as("default of %s", row.getKey()).isEqualTo(value);
        }
        List<String> missing = new ArrayList<>();
        for (String leaf : leaves(values, "")) {
            if (table.keySet().stream().noneMatch(row -> leaf.equals(row) || leaf.startsWith(row + "."))) {
                missing.add(leaf);
            }
        }
        assertThat(missing).as("values missing from the README table").isEmpty();
    }

    private static Map<String, JsonNode> table(String readme) throws Exception {
        String section = readme.substring(readme.indexOf("<!-- values-table:start"), readme.indexOf("<!-- values-table:end"));
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            rows.put(row.group(1), JSON.readTree(row.group(2)));
        }
        return rows;
    }

    /** Dotted paths of every scalar, list and empty map. */
    private static List<String> leaves(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + field.getKey();
            if (field.getValue().isObject() && field.getValue().size() > 0) {
                paths.addAll(leaves(field.getValue(), path + "."));
            } else {
                paths.add(path);
            }
        }
        return paths;
    }
}
