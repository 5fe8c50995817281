package io.kongexporter.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kongexporter.core.Json;
import java.util.TreeMap;

/** The newest points by start time, at most {@code capacity}; a point put again for its time replaces the old one. */
final class PointHistory {
    private final int capacity;
    private final TreeMap<Long, ObjectNode> points = new TreeMap<>();

    PointHistory(int capacity) {
        this.capacity = capacity;
    }

    synchronized void put(long ts, ObjectNode point) {
        points.put(ts, point);
        while (points.size() > capacity) {
            points.pollFirstEntry();
        }
    }

    /** Points with {@code ts >= from}, oldest first. */
    synchronized ArrayNode since(long from) {
        ArrayNode out = Json.array();
        points.tailMap(from, true).values().forEach(out::add);
        return out;
    }
}
