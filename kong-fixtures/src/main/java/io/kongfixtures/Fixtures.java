package io.kongfixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Kong reference payloads in the repository's {@code kong-fixtures/} directory, for the tests and
 * benchmarks of every module. Surefire gives the directory as the {@code kong.fixtures} system property;
 * without it (a test started from an IDE) it is looked for in the working directory and in its parent, the
 * repository root when the working directory is a module.
 */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Path> DEFAULTS = List.of(Path.of("kong-fixtures"), Path.of("..", "kong-fixtures"));

    private Fixtures() {}

    /** The {@code kong-fixtures} directory, holding {@code admin-api/} and {@code http-log/}. */
    public static Path dir() {
        String configured = System.getProperty("kong.fixtures");
        List<Path> candidates = configured != null ? List.of(Path.of(configured)) : DEFAULTS;
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate.resolve("admin-api"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Kong fixtures not found at " + candidates.stream().map(Path::toAbsolutePath).toList()
                + " (they live in the repository's kong-fixtures/; set -Dkong.fixtures=DIR)");
    }

    public static byte[] adminApi(String file) {
        return read(dir().resolve("admin-api").resolve(file));
    }

    /** An {@code admin-api/} payload as a JSON tree. */
    public static JsonNode adminApiJson(String file) {
        try {
            return JSON.readTree(adminApi(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse fixture admin-api/" + file, e);
        }
    }

    public static byte[] httpLog(String file) {
        return read(dir().resolve("http-log").resolve(file));
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file, e);
        }
    }

    /** The repository root: the {@code project.root} system property, else the directory holding {@code kong-fixtures/}. */
    public static Path projectRoot() {
        String configured = System.getProperty("project.root");
        return configured != null ? Path.of(configured) : dir().toAbsolutePath().normalize().getParent();
    }
}
