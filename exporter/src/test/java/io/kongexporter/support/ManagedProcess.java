package io.kongexporter.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real program (Prometheus, Alertmanager) started for a test, its output in a log file, always stopped. */
public final class ManagedProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ManagedProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ManagedProcess start(Path log, List<String> command) throws IOException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ManagedProcess(process, log);
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits for the process to exit by itself (at most {@code limit}); its exit code, or -1 if it still runs. */
    public int waitFor(java.time.Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL (on Linux), and waits for the process to be gone: nothing of it gets to run another instruction. */
    public void kill() {
        close();
    }

    /** SIGTERM, and waits up to 20 s for the process to exit. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A free loopback port. */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
