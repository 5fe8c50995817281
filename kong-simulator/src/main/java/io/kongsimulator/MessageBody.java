package io.kongsimulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Kong's {@code {"message": "..."}} body: every error, and the answer of {@code /status/ready}. */
record MessageBody(String message) implements JsonResponse {

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("message", message);
        json.writeEndObject();
    }
}
