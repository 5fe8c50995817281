package io.kongsimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code kong-exporter.jar --demo [flags]} run by the simulator as a child process sharing its console. Closing it
 * asks the exporter to stop (SIGTERM: its graceful shutdown) and kills it if it has not stopped within 15 s.
 */
final class ExporterChild implements AutoCloseable {
    private static final long STOP_SECONDS = 15;

    private final Process process;

    private ExporterChild(Process process) {
        this.process = process;
    }

    static ExporterChild start(Path jar, List<String> flags) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--run-exporter: no such file " + jar.toAbsolutePath()
                    + " (build it with: mvn -B -q package -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--demo"));
        command.addAll(flags);
        try {
            return new ExporterChild(new ProcessBuilder(command).inheritIO().start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /** Waits for the exporter to exit by itself and returns its exit code. */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
