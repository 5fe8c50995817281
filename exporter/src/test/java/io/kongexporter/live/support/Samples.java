package io.kongexporter.live.support;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bodies of the live protocol for tests: node status docs, alerts and traffic points. Traffic numbers follow the
 * second, so consecutive points differ: requests = 100 + (37 × ts mod 150); kong latency p50 is at most 2 ms, upstream
 * p50 between 20 and 34 ms, request p50 two more than upstream.
 */
public final class Samples {
    /** A service name that must show as text. */
    public static final String HOSTILE_SERVICE = "<b>legacy</b>";

    private Samples() {}

    public static ObjectNode upNode(String version, int activeConnections, long requests) {
        ObjectNode doc = FakeLiveServer.JSON.createObjectNode().put("up", true)
                .put("lastSeen", System.currentTimeMillis() / 1000.0)
                .put("version", version).put("edition", "community")
                .put("hostname", "kong-host").put("nodeId", "3f1c2a9e-0000-4000-8000-000000000001")
                .put("role", "traditional");
        doc.putObject("connections").put("active", activeConnections).put("reading", 0).put("writing", 8)
                .put("waiting", activeConnections - 8).put("accepted", 5_316_128).put("handled", 5_316_128);
        return doc.put("requests", requests).put("database", "reachable").put("configHash", "a9f1e2")
                .put("breaker", "closed").putNull("error");
    }

    public static ObjectNode downNode(String error) {
        ObjectNode doc = FakeLiveServer.JSON.createObjectNode().put("up", false)
                .put("lastSeen", System.currentTimeMillis() / 1000.0 - 60).put("breaker", "open").put("error", error);
        doc.putObject("connections").put("active", 12); // from its last good poll
        return doc.put("requests", 5_000);
    }

    public static ObjectNode alert(String fingerprint, String name, String severity, String node, String summary) {
        ObjectNode alert = FakeLiveServer.JSON.createObjectNode().put("fingerprint", fingerprint);
        alert.putObject("labels").put("alertname", name).put("severity", severity).put("node", node);
        alert.putObject("annotations").put("summary", summary).put("description", summary + " (description)");
        return alert.put("startsAt", java.time.Instant.now().minusSeconds(600).toString())
                .put("endsAt", "0001-01-01T00:00:00Z");
    }

    public static int requestsAt(long ts) {
        return 100 + (int) (ts * 37 % 150);
    }

    public static ObjectNode trafficPoint(long ts) {
        int requests = requestsAt(ts);
        int c5 = requests / 25;
        int c4 = requests / 10;
        ObjectNode point = FakeLiveServer.JSON.createObjectNode().put("ts", ts).put("requests", requests);
        point.putObject("byClass").put("1xx", 0).put("2xx", requests - c4 - c5 - 4).put("3xx", 4).put("4xx", c4)
                .put("5xx", c5);
        point.putObject("bySource").put("service", requests - c4 / 2).put("kong", c4 / 2);
        ObjectNode latency = point.putObject("latency");
        int upstream = 20 + (int) (ts % 15);
        latency(latency.putObject("kong"), 1 + ts % 2);
        latency(latency.putObject("upstream"), upstream);
        latency(latency.putObject("request"), upstream + 2);
        point.putObject("bandwidth").put("ingress", requests * 420L).put("egress", requests * 2300L);
        ArrayNode top = point.putArray("topServices");
        String[] services = {"orders-api", "payments", "catalog", HOSTILE_SERVICE, "users"};
        int[] percent = {35, 25, 20, 12, 8};
        for (int i = 0; i < services.length; i++) {
            top.addObject().put("service", services[i]).put("requests", requests * percent[i] / 100);
        }
        top.addObject().put("service", "").put("requests", 1); // traffic that matched no service
        return point.set("rolling", rolling(ts));
    }

    /**
     * The minute up to ts: orders-api (600 requests, 10 % 4xx, 1 % 5xx by Kong, 2 % by upstream), payments (300, no
     * errors) and traffic without a service (60, all 404 by Kong); latency like the second's.
     */
    public static ObjectNode rolling(long ts) {
        ObjectNode rolling = FakeLiveServer.JSON.createObjectNode().put("seconds", 60).put("requests", 960);
        rolling.putObject("byClass").put("1xx", 0).put("2xx", 822).put("3xx", 0).put("4xx", 120).put("5xx", 18);
        rolling.putObject("errors5xx").put("service", 12).put("kong", 6);
        ObjectNode latency = rolling.putObject("latency");
        int upstream = 20 + (int) (ts % 15);
        latency(latency.putObject("kong"), 1 + ts % 2);
        latency(latency.putObject("upstream"), upstream);
        latency(latency.putObject("request"), upstream + 2);
        ArrayNode services = rolling.putArray("services");
        service(services, "orders-api", 600, 60, 6, 12).putObject("p95").put("kong", 2.4).put("upstream", 88.8);
        service(services, "payments", 300, 0, 0, 0).putObject("p95").put("kong", 1).put("upstream", 412.3);
        service(services, "", 60, 60, 0, 0).putObject("p95").put("kong", 1).putNull("upstream");
        return rolling;
    }

    private static ObjectNode service(ArrayNode services, String name, int requests, int c4, int kong5xx, int upstream5xx) {
        ObjectNode s = services.addObject().put("service", name).put("requests", requests);
        s.putObject("byClass").put("2xx", requests - c4 - kong5xx - upstream5xx).put("4xx", c4).put("5xx", kong5xx + upstream5xx);
        s.putObject("errors5xx").put("service", upstream5xx).put("kong", kong5xx);
        return s;
    }

    private static void latency(ObjectNode node, long p50) {
        node.put("min", 0).put("avg", p50 * 1.4).put("max", p50 * 9).put("p50", p50).put("p95", p50 * 3)
                .put("p99", p50 * 5);
    }
}
