package io.kongsimulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code GET /upstreams/{name or id}/health}: each target with its {@code health} and the balancer's
 * view in {@code data} (addresses with their own health, DNS record type, weights), as Kong's
 * {@code page_for_upstream_with_health} builds it.
 */
record UpstreamHealthBody(Upstream upstream, String nodeId, long nowMillis, Duration flipPeriod, boolean kong3)
        implements JsonResponse {

    private static final String DNS_FAILURE = "dns server error: 3 name error";

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("data");
        for (Target target : upstream.targets()) {
            writeTarget(json, target);
        }
        json.writeEndArray();
        json.writeNullField("next");
        json.writeStringField("node_id", nodeId);
        json.writeNumberField("total", upstream.targets().size());
        json.writeEndObject();
    }

    private void writeTarget(JsonGenerator json, Target target) throws IOException {
        String health = target.healthAt(nowMillis, flipPeriod);
        json.writeStartObject();
        json.writeNumberField("created_at", target.createdAt());
        writeBalancerData(json, target, health);
        json.writeStringField("health", health);
        json.writeStringField("id", target.id());
        json.writeNullField("tags");
        json.writeStringField("target", target.target());
        if (kong3) {
            json.writeNumberField("updated_at", target.createdAt());
        }
        json.writeObjectFieldStart("upstream");
        json.writeStringField("id", upstream.id());
        json.writeEndObject();
        json.writeNumberField("weight", target.weight());
        json.writeEndObject();
    }

    private static void writeBalancerData(JsonGenerator json, Target target, String health) throws IOException {
        boolean resolved = !health.equals("DNS_ERROR");
        int total = resolved ? target.weight() : 0;
        int unavailable = health.equals("UNHEALTHY") ? total : 0;
        json.writeObjectFieldStart("data");
        json.writeArrayFieldStart("addresses");
        if (resolved) {
            json.writeStartObject();
            json.writeStringField("health", health);
            json.writeStringField("ip", target.host());
            json.writeNumberField("port", target.port());
            json.writeNumberField("weight", target.weight());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("dns", resolved ? "A" : DNS_FAILURE);
        json.writeStringField("host", target.host());
        json.writeNumberField("nodeWeight", target.weight());
        json.writeNumberField("port", target.port());
        json.writeObjectFieldStart("weight");
        json.writeNumberField("available", total - unavailable);
        json.writeNumberField("total", total);
        json.writeNumberField("unavailable", unavailable);
        json.writeEndObject();
        json.writeEndObject();
    }
}
