package io.kongexporter.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real exporter jar running in its own JVM on a free loopback port, for benchmarks that measure its CPU. */
final class ExporterProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ExporterProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code java <jvmArgs> -jar kong-exporter.jar --listen=127.0.0.1:<port> <args>} and waits for /-/healthy. */
    static ExporterProcess start(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(System.getProperty("exporter.jar", "exporter/target/kong-exporter.jar"));
        command.add("--listen=127.0.0.1:" + port);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ExporterProcess exporter = new ExporterProcess(process, port);
        exporter.await("/-/healthy");
        return exporter;
    }

    /** Waits until {@code path} answers 200. */
    void await(String path) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            try {
                if (client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("exporter did not answer 200 on " + path + " within 60 s");
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, as a container runtime stops it, and waits for the exit (a JVM writes its CDS archive then). */
    int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
