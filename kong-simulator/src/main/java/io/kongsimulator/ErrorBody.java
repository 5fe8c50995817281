package io.kongsimulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Kong's error body: {@code {"message": "..."}}. */
record ErrorBody(String message) implements JsonResponse {

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("message", message);
        json.writeEndObject();
    }
}
