package io.kongexporter.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads an Admin API body into a tree, with limits, and the typed field access the parsers share. */
final class JsonBody {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1 << 20)
                    .maxNumberLength(64)
                    .build())
            .build());

    private JsonBody() {}

    static JsonNode read(byte[] body, String what) throws KongParseException {
        if (body.length == 0) {
            throw new KongParseException(what + ": empty body");
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw new KongParseException(what + ": expected a JSON object, got " + describe(root));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new KongParseException(what + ": not JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new KongParseException(what + ": unreadable body (" + e.getMessage() + ")", e);
        }
    }

    static String describe(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
    }

    /** A required non-negative integer; Kong sends these as JSON integers. */
    static long requiredCount(JsonNode parent, String field, String where) throws KongParseException {
        JsonNode value = parent.get(field);
        if (value == null || !value.isNumber() || value.asDouble() < 0) {
            throw new KongParseException(where + "." + field + ": expected a non-negative number, got " + describe(value));
        }
        return value.asLong();
    }

    static String text(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    static JsonNode object(JsonNode parent, String field, String where) throws KongParseException {
        JsonNode value = parent.get(field);
        if (value == null || !value.isObject()) {
            throw new KongParseException(where + "." + field + ": expected an object, got " + describe(value));
        }
        return value;
    }
}
