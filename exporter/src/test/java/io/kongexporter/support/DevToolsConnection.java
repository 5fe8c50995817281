package io.kongexporter.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One WebSocket to Chromium's DevTools endpoint (the JDK's own client): numbered commands with their answers, and
 * events handed to listeners. Every wait has a time limit; a closed socket fails every command still waiting.
 */
final class DevToolsConnection implements AutoCloseable {
    /** A DevTools event: its method, the session it came from (null for the browser) and its params. */
    record Event(String method, String sessionId, JsonNode params) {}

    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final WebSocket socket;

    private DevToolsConnection(URI endpoint, Duration timeout) {
        try {
            socket = HttpClient.newBuilder().connectTimeout(timeout).build()
                    .newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(endpoint, new Receiver())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to DevTools at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static DevToolsConnection open(URI endpoint, Duration timeout) {
        return new DevToolsConnection(endpoint, timeout);
    }

    void addListener(Consumer<Event> listener) {
        listeners.add(listener);
    }

    /** The first event with this method from this session after the call; register before causing it. */
    CompletableFuture<Event> next(String method, String sessionId) {
        CompletableFuture<Event> first = new CompletableFuture<>();
        Consumer<Event> listener = new Consumer<>() {
            @Override
            public void accept(Event event) {
                if (event.method().equals(method) && java.util.Objects.equals(event.sessionId(), sessionId)) {
                    listeners.remove(this);
                    first.complete(event);
                }
            }
        };
        listeners.add(listener);
        return first;
    }

    /** Sends a command and waits for its result; DevTools errors and time-outs become exceptions. */
    JsonNode call(String sessionId, String method, ObjectNode params, Duration timeout) {
        try {
            return post(sessionId, method, params).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " got no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a command without waiting (safe inside a listener); the future completes with its result. */
    CompletableFuture<JsonNode> post(String sessionId, String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        answer.whenComplete((result, failure) -> pending.remove(id));
        try {
            synchronized (socket) { // one sendText at a time, as WebSocket requires
                socket.sendText(message.toString(), true).orTimeout(5, TimeUnit.SECONDS).join();
            }
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").completeOnTimeout(null, 1, TimeUnit.SECONDS).join();
        }
        socket.abort();
        failAll("connection closed");
    }

    private void failAll(String reason) {
        pending.values().forEach(answer -> answer.completeExceptionally(new IllegalStateException(reason)));
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null && message.has("error")) {
                answer.completeExceptionally(new IllegalStateException(message.get("error").toString()));
            } else if (answer != null) {
                answer.complete(message.path("result"));
            }
        } else if (message.has("method")) {
            String session = message.hasNonNull("sessionId") ? message.get("sessionId").asText() : null;
            Event event = new Event(message.get("method").asText(), session, message.path("params"));
            for (Consumer<Event> listener : listeners) {
                listener.accept(event);
            }
        }
    }

    /** Gathers the parts of each text message (screenshots arrive in many). */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                dispatch(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll("DevTools closed the connection (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll("DevTools connection failed: " + error);
        }
    }
}
