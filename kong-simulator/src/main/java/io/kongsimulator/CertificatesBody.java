package io.kongsimulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /certificates}, one page in the shape of Kong 3.x's paginated collections ({@code data},
 * {@code next}): every field of the entity, {@code key} replaced by a placeholder as in kong-fixtures (Kong
 * returns the PEM private key there), {@code cert_alt} and {@code key_alt} null.
 */
record CertificatesBody(List<SimulatedCertificate> rows, String next) implements JsonResponse {

    static final String KEY_PLACEHOLDER = "<private key not served by the simulator: Kong returns the certificate's PEM private key here>";

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("data");
        for (SimulatedCertificate row : rows) {
            json.writeStartObject();
            json.writeStringField("id", row.id());
            json.writeNumberField("created_at", row.createdAt());
            json.writeNumberField("updated_at", row.createdAt());
            json.writeStringField("cert", row.certPem());
            json.writeStringField("key", KEY_PLACEHOLDER);
            json.writeNullField("cert_alt");
            json.writeNullField("key_alt");
            if (row.tags() == null) {
                json.writeNullField("tags");
            } else {
                writeStrings(json, "tags", row.tags());
            }
            writeStrings(json, "snis", row.snis());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (next == null) {
            json.writeNullField("next");
        } else {
            json.writeStringField("next", next);
        }
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
