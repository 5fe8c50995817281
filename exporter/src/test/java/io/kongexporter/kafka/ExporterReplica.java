package io.kongexporter.kafka;

import io.kongexporter.support.ManagedProcess;
import io.kongexporter.support.Scrape;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One exporter replica in a JVM of its own ({@code java -cp <test classpath> io.kongexporter.KongExporter}), so that
 * it can be killed with SIGKILL like a crashed pod; scraped over real HTTP as Prometheus would.
 */
final class ExporterReplica implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final ManagedProcess process;
    private final int port;

    private ExporterReplica(String name, ManagedProcess process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** Starts a replica with the given flags (besides {@code --listen}); its output goes to {@code dir/name.log}. */
    static ExporterReplica start(Path dir, String name, List<String> flags) throws IOException {
        int port = ManagedProcess.freePort();
        List<String> args = new ArrayList<>(List.of("--listen=127.0.0.1:" + port));
        args.addAll(flags);
        ManagedProcess process = ManagedProcess.start(dir.resolve(name + ".log"),
                KafkaBroker.javaCommand("io.kongexporter.KongExporter", args.toArray(String[]::new)));
        return new ExporterReplica(name, process, port);
    }

    String name() {
        return name;
    }

    /** {@code GET /metrics}; empty when the replica does not answer (starting, killed). */
    Optional<Scrape> scrape() {
        return get("/metrics").map(Scrape::new);
    }

    /** {@code GET path}: the body of a 200 answer; empty when the replica does not answer or answers otherwise. */
    Optional<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build());
    }

    /** {@code POST path} with a JSON body (as Kong's http-log posts a batch); empty unless answered 200. */
    Optional<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Optional<String> send(HttpRequest request) {
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Optional.of(answer.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** SIGKILL: nothing of the replica runs after this; its counters are gone. */
    void kill() {
        process.kill();
    }

    String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
