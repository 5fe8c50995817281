package io.kongexporter.live.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js script of the test Node project ({@code exporter/src/test/node}), run with its locked npm packages:
 * {@code npm ci} installs them first when {@code node_modules} is missing (scripts/test.sh runs it before Maven).
 * Its stdout lines are read as they come, its stderr kept for assertion messages, and lines can be sent to its stdin.
 */
public final class NodeClient implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Writer stdin;

    private NodeClient(Process process) {
        this.process = process;
        this.stdin = process.outputWriter(StandardCharsets.UTF_8);
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), lines::add);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), line -> stderr.append(line).append('\n'));
    }

    /** Starts {@code node <script> <args>} in {@code project}, after {@code npm ci} when its packages are not installed. */
    public static NodeClient start(Path project, String script, String... args) throws IOException, InterruptedException {
        if (!Files.isDirectory(project.resolve("node_modules"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(project.toFile()).inheritIO().start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + project);
            }
        }
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return new NodeClient(new ProcessBuilder(command).directory(project.toFile()).start());
    }

    private static void pump(BufferedReader reader, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException gone) {
                // the process ended
            }
        }, "node-client-output");
        thread.setDaemon(true);
        thread.start();
    }

    /** The first stdout line starting with {@code prefix} within the timeout (earlier lines are skipped). */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String line;
        while ((line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line '" + prefix + "...' from node within " + timeout + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                + "; its stderr:\n" + stderr);
    }

    /** Sends a line to its stdin. */
    public void say(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What it wrote to stderr so far. */
    public String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
