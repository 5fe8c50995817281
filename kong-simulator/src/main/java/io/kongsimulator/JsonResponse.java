package io.kongsimulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A response body of the simulated Admin API, written as one JSON value. */
interface JsonResponse {

    void writeTo(JsonGenerator json) throws IOException;
}
