package io.kongexporter.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared Kong payloads in ../shared/kong-fixtures (path given by surefire as {@code kong.fixtures}). */
public final class Fixtures {
    private Fixtures() {}

    public static Path dir() {
        String configured = System.getProperty("kong.fixtures");
        Path path = configured != null ? Path.of(configured) : Path.of("../../shared/kong-fixtures");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("Kong fixtures not found at " + path.toAbsolutePath() + " (set -Dkong.fixtures)");
        }
        return path;
    }

    public static byte[] adminApi(String file) {
        return read(dir().resolve("admin-api").resolve(file));
    }

    public static byte[] httpLog(String file) {
        return read(dir().resolve("http-log").resolve(file));
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path projectRoot() {
        String configured = System.getProperty("project.root");
        return configured != null ? Path.of(configured) : Path.of("..");
    }
}
