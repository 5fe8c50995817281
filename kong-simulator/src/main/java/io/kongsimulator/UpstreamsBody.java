package io.kongsimulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** {@code GET /upstreams}: one page holding every upstream, {@code next: null}. 3.x adds {@code updated_at}. */
record UpstreamsBody(List<Upstream> upstreams, boolean kong3) implements JsonResponse {

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("data");
        for (Upstream upstream : upstreams) {
            json.writeStartObject();
            json.writeStringField("algorithm", "round-robin");
            json.writeNumberField("created_at", upstream.createdAt());
            json.writeStringField("hash_on", "none");
            json.writeStringField("id", upstream.id());
            json.writeStringField("name", upstream.name());
            json.writeNumberField("slots", 10000);
            json.writeNullField("tags");
            if (kong3) {
                json.writeNumberField("updated_at", upstream.createdAt());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNullField("next");
        json.writeEndObject();
    }
}
