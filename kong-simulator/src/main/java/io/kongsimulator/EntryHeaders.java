package io.kongsimulator;

import static io.kongsimulator.EntryKeys.*;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import io.kongsimulator.TrafficSample.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * {@code request.headers} and {@code response.headers} of an entry, as Kong 3.9 logs them:
 * lower-case names, the {@code x-consumer-*} headers key-auth adds, Kong's latency headers on
 * proxied responses and {@code server}/{@code x-kong-response-latency} on the ones Kong produced.
 */
final class EntryHeaders {

    static final String SERVER_VALUE = "kong/3.9.1";
    private static final String VIA_VALUE = "1.1 " + SERVER_VALUE;
    private static final String JSON = "application/json";
    private static final String KONG_JSON = "application/json; charset=utf-8";
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int REQUEST_HEAD_BYTES = 380;
    private static final int UPSTREAM_HEAD_BYTES = 400;
    private static final int KONG_HEAD_BYTES = 225;
    private static final int RATE_LIMIT_HEAD_BYTES = 170;

    private static final String[] ANONYMOUS_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
            "curl/8.5.0",
            "python-requests/2.32.3"};
    private static final String[] SCANNER_AGENTS = {
            "Mozilla/5.0 (compatible; scanner/1.0)", "Go-http-client/1.1", "zgrab/0.x", "curl/7.88.1"};

    private final EntryText text;

    EntryHeaders(EntryText text) {
        this.text = text;
    }

    void writeRequest(JsonGenerator g, TrafficSample s) throws IOException {
        g.writeFieldName(HEADERS);
        g.writeStartObject();
        if (s.websocket()) {
            writeWebSocketRequest(g, s.request());
        } else {
            writeApiRequest(g, s);
        }
        g.writeEndObject();
    }

    void writeResponse(JsonGenerator g, TrafficSample s) throws IOException {
        g.writeFieldName(HEADERS);
        g.writeStartObject();
        if (s.websocket()) {
            writeWebSocketResponse(g, s);
        } else if (s.source() == Source.UPSTREAM) {
            writeUpstreamResponse(g, s);
        } else {
            writeKongResponse(g, s);
        }
        g.writeEndObject();
    }

    private void writeApiRequest(JsonGenerator g, TrafficSample s) throws IOException {
        TrafficSample.Request request = s.request();
        ConsumerEntity consumer = s.consumer();
        String agent = consumer != null ? consumer.userAgent()
                : pick(s.route() == null ? SCANNER_AGENTS : ANONYMOUS_AGENTS, request.id());
        boolean tool = agent.startsWith("curl/") || s.route() == null;
        field(g, ACCEPT, tool ? "*/*" : JSON);
        if (!tool && request.method().equals("GET")) {
            field(g, ACCEPT_ENCODING, "gzip");
        }
        if (consumer != null) {
            field(g, APIKEY, consumer.apiKey());
        }
        if (hasBody(request.method())) {
            g.writeFieldName(CONTENT_LENGTH);
            decimal(g, Math.max(2, request.size() - REQUEST_HEAD_BYTES));
            field(g, CONTENT_TYPE, JSON);
        }
        field(g, HOST, request.tls() ? request.host() + ":8443" : request.host());
        field(g, USER_AGENT, agent);
        if (consumer != null) {
            if (consumer.customId() != null) {
                field(g, X_CONSUMER_CUSTOM_ID, consumer.customId());
            }
            field(g, X_CONSUMER_ID, consumer.id());
            if (consumer.username() != null) {
                field(g, X_CONSUMER_USERNAME, consumer.username());
            }
            field(g, X_CREDENTIAL_IDENTIFIER, consumer.credentialId());
        }
        if (request.clientIp().startsWith(TrafficCatalog.LOAD_BALANCER_SUBNET)) {
            g.writeFieldName(X_FORWARDED_FOR);
            text.forwardedFor(request.id().hashCode());
            text.writeTo(g);
        }
    }

    private static void writeWebSocketRequest(JsonGenerator g, TrafficSample.Request request) throws IOException {
        field(g, CONNECTION, "Upgrade");
        field(g, HOST, request.host());
        field(g, ORIGIN, "https://app.example.com");
        field(g, SEC_WEBSOCKET_EXTENSIONS, "permessage-deflate; client_max_window_bits");
        field(g, SEC_WEBSOCKET_KEY, webSocketKey(request.id()));
        field(g, SEC_WEBSOCKET_VERSION, "13");
        field(g, UPGRADE, "websocket");
        field(g, USER_AGENT, pick(ANONYMOUS_AGENTS, request.id()));
    }

    private void writeUpstreamResponse(JsonGenerator g, TrafficSample s) throws IOException {
        int status = s.status();
        boolean empty = status == 204 || status == 304;
        field(g, CONNECTION, "keep-alive");
        if (status == 200 && s.responseSize() > 1400 && s.request().method().equals("GET")) {
            field(g, CONTENT_ENCODING, "gzip");
        }
        if (!empty) {
            g.writeFieldName(CONTENT_LENGTH);
            decimal(g, Math.max(0, s.responseSize() - UPSTREAM_HEAD_BYTES));
            field(g, CONTENT_TYPE, JSON);
        }
        field(g, DATE, text.httpDate(respondedAt(s)));
        if (status == 304) {
            field(g, ETAG, "W/\"" + s.request().id().substring(0, 12) + "\"");
        }
        if (status == 301 || status == 302) {
            field(g, LOCATION, "https://" + s.request().host() + s.request().path() + "/");
        }
        field(g, VIA, VIA_VALUE);
        latencyHeaders(g, s);
    }

    private void writeKongResponse(JsonGenerator g, TrafficSample s) throws IOException {
        boolean limited = s.status() == 429;
        field(g, CONNECTION, s.route() == null ? "close" : "keep-alive");
        g.writeFieldName(CONTENT_LENGTH);
        decimal(g, Math.max(0, s.responseSize() - KONG_HEAD_BYTES - (limited ? RATE_LIMIT_HEAD_BYTES : 0)));
        field(g, CONTENT_TYPE, KONG_JSON);
        field(g, DATE, text.httpDate(respondedAt(s)));
        if (limited) {
            long reset = 60 - Math.floorMod(s.startedAt() / 1000, 60);
            field(g, RATELIMIT_LIMIT, "60");
            field(g, RATELIMIT_REMAINING, "0");
            g.writeFieldName(RATELIMIT_RESET);
            decimal(g, reset);
            g.writeFieldName(RETRY_AFTER);
            decimal(g, reset);
        }
        field(g, SERVER, SERVER_VALUE);
        if (s.status() == 401) {
            field(g, WWW_AUTHENTICATE, "Key");
        }
        if (s.tries() > 0) {
            latencyHeaders(g, s);
        } else {
            g.writeFieldName(X_KONG_REQUEST_ID);
            g.writeString(s.request().id());
            g.writeFieldName(X_KONG_RESPONSE_LATENCY);
            decimal(g, s.latencies().kong());
        }
        if (limited) {
            field(g, X_RATELIMIT_LIMIT_MINUTE, "60");
            field(g, X_RATELIMIT_REMAINING_MINUTE, "0");
        }
    }

    private void writeWebSocketResponse(JsonGenerator g, TrafficSample s) throws IOException {
        field(g, CONNECTION, "upgrade");
        field(g, SEC_WEBSOCKET_ACCEPT, webSocketAccept(webSocketKey(s.request().id())));
        field(g, UPGRADE, "websocket");
        field(g, VIA, VIA_VALUE);
        latencyHeaders(g, s);
    }

    private void latencyHeaders(JsonGenerator g, TrafficSample s) throws IOException {
        g.writeFieldName(X_KONG_PROXY_LATENCY);
        decimal(g, s.latencies().kong());
        g.writeFieldName(X_KONG_REQUEST_ID);
        g.writeString(s.request().id());
        g.writeFieldName(X_KONG_UPSTREAM_LATENCY);
        decimal(g, Math.max(0, s.latencies().proxy()));
    }

    private void decimal(JsonGenerator g, long value) throws IOException {
        text.decimal(value);
        text.writeTo(g);
    }

    private static void field(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    private static long respondedAt(TrafficSample s) {
        return s.startedAt() + s.latencies().kong() + Math.max(0, s.latencies().proxy());
    }

    private static boolean hasBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static String pick(String[] values, String requestId) {
        return values[Character.digit(requestId.charAt(requestId.length() - 1), 16) % values.length];
    }

    /** A 16-byte nonce in base64, taken from the request id's hex digits. */
    private static String webSocketKey(String requestId) {
        byte[] nonce = new byte[16];
        for (int i = 0; i < nonce.length && 2 * i + 1 < requestId.length(); i++) {
            nonce[i] = (byte) (Character.digit(requestId.charAt(2 * i), 16) << 4
                    | Character.digit(requestId.charAt(2 * i + 1), 16));
        }
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** RFC 6455: base64(SHA-1(key + GUID)). */
    private static String webSocketAccept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
