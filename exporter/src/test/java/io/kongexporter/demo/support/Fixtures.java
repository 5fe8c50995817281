package io.kongexporter.demo.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared Kong fixtures, found through the {@code kong.fixtures} system property the build sets. */
public final class Fixtures {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    public static JsonNode adminApi(String file) {
        String root = System.getProperty("kong.fixtures");
        if (root == null) {
            throw new IllegalStateException("system property kong.fixtures is not set (run the tests through Maven)");
        }
        Path path = Path.of(root, "admin-api", file);
        try {
            return MAPPER.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + path, e);
        }
    }
}
