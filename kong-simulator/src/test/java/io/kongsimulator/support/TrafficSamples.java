package io.kongsimulator.support;

import io.kongsimulator.ConsumerEntity;
import io.kongsimulator.RouteEntity;
import io.kongsimulator.ServiceEntity;
import io.kongsimulator.TrafficCatalog;
import io.kongsimulator.TrafficSample;
import io.kongsimulator.TrafficSample.Latencies;
import io.kongsimulator.TrafficSample.Request;
import io.kongsimulator.TrafficSample.Source;

/** One sample of each kind the http-log fixtures show, built from the standard catalog. */
public final class TrafficSamples {

    public static final long STARTED_AT = 1_750_156_812_345L;

    private TrafficSamples() {
    }

    /** A kind of entry and the fixture that shows the same kind from a real Kong 3.9. */
    public enum Kind {
        PROXIED_200("entry-3.9-proxied-200-consumer.json"),
        REJECTED_401("entry-3.9-rejected-401-key-auth.json"),
        NO_ROUTE_404("entry-3.9-no-route-404-global-plugin.json"),
        RATE_LIMITED_429("entry-3.9-rejected-429-rate-limited.json"),
        RETRIED_502_THEN_200("entry-3.9-retries-502-then-200.json"),
        WEBSOCKET_101("entry-3.9-websocket-custom-fields.json");

        private final String fixture;

        Kind(String fixture) {
            this.fixture = fixture;
        }

        public String fixture() {
            return fixture;
        }

        public TrafficSample sample() {
            return switch (this) {
                case PROXIED_200 -> proxied200();
                case REJECTED_401 -> rejected401();
                case NO_ROUTE_404 -> noRoute404();
                case RATE_LIMITED_429 -> rateLimited429();
                case RETRIED_502_THEN_200 -> retried502Then200();
                case WEBSOCKET_101 -> websocket101();
            };
        }
    }

    public static TrafficSample proxied200() {
        return new TrafficSample("demo-kong-1", STARTED_AT, service("orders-api"), route("orders-get"),
                consumer("mobile-app"),
                new Request("7d2a1c9f4b6e8a3d5c0f1e2b4a6c8d0e", "10.0.12.7", "GET", "api.example.com", true,
                        "/orders/1042", "expand=items", 412),
                200, Source.UPSTREAM, 1, 0, new Latencies(2, 38, 41, 1), 1875, false);
    }

    public static TrafficSample rejected401() {
        return new TrafficSample("demo-kong-2", STARTED_AT + 657, service("orders-api"), route("orders-get"), null,
                new Request("0c4f8a2e6b1d9f3a7c5e0b2d4f6a8c1e", "10.0.12.9", "GET", "api.example.com", false,
                        "/orders/1042", "", 98),
                401, Source.KONG, 0, 0, new Latencies(1, -1, 1, 0), 321, false);
    }

    public static TrafficSample noRoute404() {
        return new TrafficSample("demo-kong-3", STARTED_AT + 2662, null, null, null,
                new Request("a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1", "198.51.100.23", "GET", "api.example.com", false,
                        "/wp-login.php", "", 89),
                404, Source.KONG, 0, 0, new Latencies(0, -1, 0, 0), 325, false);
    }

    public static TrafficSample rateLimited429() {
        return new TrafficSample("demo-kong-1", STARTED_AT + 1775, service("orders-api"), route("orders-create"),
                consumer("partner-globex-eu"),
                new Request("5e7a9c1e3f5b7d9f1b3d5f7a9c1e3b5d", "198.51.100.35", "POST", "api.example.com", true,
                        "/orders", "", 431),
                429, Source.KONG, 0, 0, new Latencies(3, -1, 3, 0), 489, false);
    }

    public static TrafficSample retried502Then200() {
        return new TrafficSample("demo-kong-2", STARTED_AT + 4055, service("orders-api"), route("orders-list"),
                consumer("mobile-app"),
                new Request("3f5d7b9a1c3e5f7a9b1d3f5a7c9e1b3d", "10.0.12.7", "GET", "api.example.com", true,
                        "/orders", "page=2&status=open&status=shipped", 437),
                200, Source.UPSTREAM, 2, 502, new Latencies(4, 27, 33, 2), 6322, false);
    }

    public static TrafficSample websocket101() {
        return new TrafficSample("demo-kong-3", STARTED_AT - 112_314, service("chat-ws"), route("chat-socket"), null,
                new Request("9b1d3f5a7c9e1b3d5f7a9c1e3f5b7d9a", "10.0.12.31", "GET", "chat.example.com", true,
                        "/ws/chat", "room=support", 521),
                101, Source.UPSTREAM, 1, 0, new Latencies(1, 12, 184_213, 0), 2_418_377, true);
    }

    public static ServiceEntity service(String name) {
        return TrafficCatalog.standard().services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public static RouteEntity route(String name) {
        return TrafficCatalog.standard().routes().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no route " + name));
    }

    public static ConsumerEntity consumer(String username) {
        return TrafficCatalog.standard().consumers().stream().filter(c -> c.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no consumer " + username));
    }
}
