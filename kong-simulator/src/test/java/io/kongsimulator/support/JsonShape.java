package io.kongsimulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of a JSON value as a sorted set of {@code path=type} lines, e.g.
 * {@code memory.lua_shared_dicts.*.capacity=NUMBER}. Array elements share the path {@code name[]};
 * objects listed as name maps (keys are names, like dict names) get {@code *} for their keys;
 * objects listed as opaque keep only their own line.
 */
public final class JsonShape {

    private final Set<String> nameMaps;
    private final Set<String> opaque;

    private JsonShape(Set<String> nameMaps, Set<String> opaque) {
        this.nameMaps = nameMaps;
        this.opaque = opaque;
    }

    public static JsonShape withNameMaps(String... paths) {
        return new JsonShape(Set.of(paths), Set.of());
    }

    public JsonShape ignoringInside(String... paths) {
        return new JsonShape(nameMaps, Set.of(paths));
    }

    public Set<String> of(JsonNode node) {
        Set<String> lines = new TreeSet<>();
        walk(node, "", lines);
        return lines;
    }

    private void walk(JsonNode node, String path, Set<String> lines) {
        lines.add((path.isEmpty() ? "$" : path) + "=" + node.getNodeType());
        if (opaque.contains(path)) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = nameMaps.contains(path) ? "*" : field.getKey();
                walk(field.getValue(), path.isEmpty() ? key : path + "." + key, lines);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                walk(element, path + "[]", lines);
            }
        }
    }
}
