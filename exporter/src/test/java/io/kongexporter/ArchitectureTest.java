package io.kongexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongfixtures.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's repository-layout table says, per package, what it may import; the main code keeps to it (the HTTP
 * layer knows no Kong, the log parser is not web code), and no main class grows past 300 lines.
 */
class ArchitectureTest {
    private static final Path MAIN = Fixtures.projectRoot().resolve("exporter/src/main/java/io/kongexporter");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?io\\.kongexporter\\.([a-z]+)[.;]");

    @Test
    void every_package_imports_only_what_the_readme_allows() throws IOException {
        Map<String, Set<String>> allowed = allowedImports();
        assertThat(allowed).containsKeys("core", "config", "web", "status", "ingest", "traffic", "sse", "live");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = MAIN.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String pkg = relative.getName(0).toString();
                assertThat(allowed).as("README layout row for package " + pkg).containsKey(pkg);
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(1);
                    if (!imported.equals(pkg) && !allowed.get(pkg).contains(imported)) {
                        violations.add(relative + " imports " + imported);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void no_main_class_is_over_300_lines_and_the_wiring_class_is_under_150() throws IOException {
        List<String> long_ = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readAllLines(file).size() > 300) {
                    long_.add(MAIN.relativize(file).toString());
                }
            }
        }
        assertThat(long_).isEmpty();
        assertThat(Files.readAllLines(MAIN.resolve("ExporterApp.java")).size()).isLessThan(150);
    }

    private static Map<String, Set<String>> allowedImports() throws IOException {
        String readme = Files.readString(Fixtures.projectRoot().resolve("README.md"));
        Matcher row = Pattern.compile("(?m)^\\| `…/([a-z]+)` \\|[^|]*\\|([^|]*)\\|").matcher(readme);
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        while (row.find()) {
            Set<String> imports = new TreeSet<>();
            Matcher name = Pattern.compile("`([a-z]+)`").matcher(row.group(2));
            while (name.find()) {
                imports.add(name.group(1));
            }
            allowed.put(row.group(1), imports);
        }
        return allowed;
    }
}
