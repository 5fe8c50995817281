package io.kongsimulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to a simulated node over real HTTP, a fresh connection per request, and parses the body as a JSON tree. */
public final class AdminClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;

    public AdminClient(URI base) {
        this.base = base;
    }

    /** A Kong Admin API answer: status, two headers we care about, and the body as a tree. */
    public record Reply(int status, String contentType, String server, JsonNode json) {
    }

    public Reply get(String pathAndQuery) {
        return send("GET", pathAndQuery);
    }

    public JsonNode getJson(String pathAndQuery) {
        Reply reply = get(pathAndQuery);
        if (reply.status() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + reply.status() + ": " + reply.json());
        }
        return reply.json();
    }

    public Reply send(String method, String pathAndQuery) {
        try {
            return trySend(method, pathAndQuery);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #send} but lets the connection failure through, for nodes that are down. */
    public Reply trySend(String method, String pathAndQuery) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5))
                .build();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : MAPPER.readTree(response.body());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Server").orElse(null), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
