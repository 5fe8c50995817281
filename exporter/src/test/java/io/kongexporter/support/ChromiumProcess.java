package io.kongexporter.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A headless Chromium process with a fresh profile and remote debugging on a free port: its DevTools URL is read from
 * stderr ("DevTools listening on ws://…"), which is drained for as long as it runs. Ending it ends the whole process
 * tree and deletes the profile; a shutdown hook does the same if the JVM exits first.
 */
final class ChromiumProcess {
    private final Process process;
    private final Path profile;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<URI> devToolsUrl = new CompletableFuture<>();
    private final Thread shutdownHook = new Thread(() -> end(tree(), Duration.ZERO), "chromium-shutdown");

    private ChromiumProcess(Path binary) throws IOException {
        profile = Files.createTempDirectory("kong-exporter-chromium-");
        try {
            process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                    "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            deleteProfile();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Thread reader = new Thread(this::readStderr, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    static ChromiumProcess start(Path binary) {
        try {
            return new ChromiumProcess(binary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary + " (on Debian: apt-get install chromium)", e);
        }
    }

    /** The browser's DevTools WebSocket URL, once Chromium printed it; fails with its last stderr lines otherwise. */
    URI devToolsUrl(Duration timeout) {
        try {
            return devToolsUrl.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            synchronized (stderrTail) {
                throw new IllegalStateException("no DevTools URL from Chromium within " + timeout.toSeconds()
                        + " s; its stderr:\n" + String.join("\n", stderrTail), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The browser and its children now; take it before the browser exits and its children lose their parent. */
    List<ProcessHandle> tree() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    }

    /**
     * Waits up to {@code grace} for the browser to exit by itself (after {@code Browser.close} it ends its children
     * first), then ends whatever of the tree is left, politely and then forcibly, and deletes the profile.
     */
    void end(List<ProcessHandle> tree, Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                tree.forEach(ProcessHandle::destroy);
                process.waitFor(3, TimeUnit.SECONDS);
            }
            RunningExporter.sleep(tree.stream().anyMatch(ProcessHandle::isAlive) ? 500 : 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deleteProfile();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down: this is the hook
        }
    }

    private void readStderr() {
        var stderr = new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8);
        try (BufferedReader err = new BufferedReader(stderr)) {
            for (String line; (line = err.readLine()) != null; ) {
                int at = line.indexOf("ws://");
                if (line.startsWith("DevTools listening on ") && at >= 0) {
                    devToolsUrl.complete(URI.create(line.substring(at).trim()));
                }
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > 30) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
        devToolsUrl.completeExceptionally(new IllegalStateException("Chromium exited before DevTools listened"));
    }

    private void deleteProfile() {
        for (int attempt = 0; attempt < 5 && Files.exists(profile); attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // a file vanished while an exiting child cleaned up: walk again
            }
            if (Files.exists(profile)) {
                RunningExporter.sleep(200);
            }
        }
    }
}
