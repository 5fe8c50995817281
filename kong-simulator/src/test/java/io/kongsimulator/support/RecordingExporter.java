package io.kongsimulator.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Stands in for {@code kong-exporter.jar} in a child process: writes its pid and arguments to the file named by its
 * {@code --record=FILE} argument, then runs until it is stopped.
 */
public final class RecordingExporter {
    private RecordingExporter() {}

    public static void main(String[] args) throws Exception {
        String file = Arrays.stream(args).filter(a -> a.startsWith("--record=")).findFirst().orElseThrow().substring(9);
        Files.writeString(Path.of(file), ProcessHandle.current().pid() + " " + String.join(" ", args), StandardCharsets.UTF_8);
        Thread.sleep(Long.MAX_VALUE);
    }

    /** A jar holding only a manifest that runs this class from the test classes directory. */
    public static Path jar(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, RecordingExporter.class.getName());
        Path classes = Path.of(RecordingExporter.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        Path jar = dir.resolve("recording-exporter.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }
}
