package io.kongexporter.sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * RFC 6902 JSON Patch between two documents: objects are compared member by member (remove, add, replace);
 * arrays and scalars that differ are replaced whole. Applying the patch to the old document gives the new one
 * exactly. {@link #apply} is the reference implementation (the live page has its own, in JavaScript).
 */
public final class JsonPatch {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonPatch() {}

    public static ArrayNode diff(JsonNode from, JsonNode to) {
        ArrayNode ops = NODES.arrayNode();
        diff("", from, to, ops);
        return ops;
    }

    private static void diff(String path, JsonNode from, JsonNode to, ArrayNode ops) {
        if (from.equals(to)) {
            return;
        }
        if (!from.isObject() || !to.isObject()) {
            ops.add(op("replace", path).set("value", to.deepCopy()));
            return;
        }
        Iterator<String> oldNames = from.fieldNames();
        while (oldNames.hasNext()) {
            String name = oldNames.next();
            if (!to.has(name)) {
                ops.add(op("remove", path + "/" + escape(name)));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = to.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String child = path + "/" + escape(field.getKey());
            JsonNode old = from.get(field.getKey());
            if (old == null) {
                ops.add(op("add", child).set("value", field.getValue().deepCopy()));
            } else {
                diff(child, old, field.getValue(), ops);
            }
        }
    }

    private static ObjectNode op(String op, String path) {
        return NODES.objectNode().put("op", op).put("path", path);
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    /** Applies add, remove and replace operations (what {@link #diff} produces) and returns the patched copy. */
    public static JsonNode apply(JsonNode document, JsonNode patch) {
        JsonNode result = document.deepCopy();
        for (JsonNode op : patch) {
            String path = op.get("path").asText();
            String kind = op.get("op").asText();
            if (path.isEmpty()) {
                result = op.get("value").deepCopy();
                continue;
            }
            int slash = path.lastIndexOf('/');
            JsonNode parent = result.at(path.substring(0, slash));
            String last = unescape(path.substring(slash + 1));
            if (parent instanceof ObjectNode object) {
                switch (kind) {
                    case "remove" -> object.remove(last);
                    case "add", "replace" -> object.set(last, op.get("value").deepCopy());
                    default -> throw new IllegalArgumentException("unsupported op " + kind);
                }
            } else if (parent instanceof ArrayNode array) {
                int index = last.equals("-") ? array.size() : Integer.parseInt(last);
                switch (kind) {
                    case "remove" -> array.remove(index);
                    case "add" -> array.insert(index, op.get("value").deepCopy());
                    case "replace" -> array.set(index, op.get("value").deepCopy());
                    default -> throw new IllegalArgumentException("unsupported op " + kind);
                }
            } else {
                throw new IllegalArgumentException("no container at " + path);
            }
        }
        return result;
    }
}
