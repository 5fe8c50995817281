package io.kongexporter.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Property: for random documents and random changes, applying diff(a, b) to a gives exactly b. */
class JsonPatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void applying_the_diff_of_random_status_sequences_reproduces_every_state() {
        SplittableRandom random = new SplittableRandom(7);
        for (int sequence = 0; sequence < 200; sequence++) {
            JsonNode state = randomObject(random, 0);
            JsonNode replayed = state.deepCopy();
            for (int step = 0; step < 30; step++) {
                JsonNode next = mutate(state, random);
                replayed = JsonPatch.apply(replayed, JsonPatch.diff(state, next));
                assertThat(replayed).as("sequence %d step %d", sequence, step).isEqualTo(next);
                state = next;
            }
        }
    }

    @Test
    void keys_with_slashes_and_tildes_are_escaped_in_paths() {
        JsonNode a = JSON.createObjectNode().put("a/b", 1).put("c~d", 2);
        JsonNode b = JSON.createObjectNode().put("a/b", 3).put("e", 4);
        var patch = JsonPatch.diff(a, b);
        assertThat(patch.toString()).contains("/a~1b").contains("/c~0d");
        assertThat(JsonPatch.apply(a, patch)).isEqualTo(b);
    }

    @Test
    void identical_documents_give_an_empty_patch() {
        JsonNode a = randomObject(new SplittableRandom(1), 0);
        assertThat(JsonPatch.diff(a, a.deepCopy())).isEmpty();
    }

    private static ObjectNode randomObject(SplittableRandom random, int depth) {
        ObjectNode node = JSON.createObjectNode();
        int fields = random.nextInt(1, 8);
        for (int i = 0; i < fields; i++) {
            String key = randomKey(random);
            switch (depth < 3 ? random.nextInt(6) : random.nextInt(4)) {
                case 0 -> node.put(key, random.nextLong(1_000_000));
                case 1 -> node.put(key, random.nextBoolean());
                case 2 -> node.put(key, "v" + random.nextInt(100));
                case 3 -> node.putNull(key);
                case 4 -> node.set(key, randomObject(random, depth + 1));
                default -> {
                    var array = node.putArray(key);
                    for (int j = random.nextInt(4); j > 0; j--) {
                        array.add(random.nextInt(10));
                    }
                }
            }
        }
        return node;
    }

    private static String randomKey(SplittableRandom random) {
        String[] keys = {"active", "reading", "writing", "up", "a/b", "t~x", "dicts", "kong_db_cache", "x", "y"};
        return keys[random.nextInt(keys.length)];
    }

    /** A copy of {@code doc} with a few fields changed, added or removed, at any depth. */
    private static JsonNode mutate(JsonNode doc, SplittableRandom random) {
        ObjectNode copy = (ObjectNode) doc.deepCopy();
        for (int changes = random.nextInt(1, 4); changes > 0; changes--) {
            ObjectNode target = copy;
            while (random.nextBoolean()) {
                var children = new java.util.ArrayList<ObjectNode>();
                target.fields().forEachRemaining(e -> {
                    if (e.getValue() instanceof ObjectNode o) {
                        children.add(o);
                    }
                });
                if (children.isEmpty()) {
                    break;
                }
                target = children.get(random.nextInt(children.size()));
            }
            switch (random.nextInt(3)) {
                case 0 -> target.put(randomKey(random), random.nextLong(1_000_000));
                case 1 -> {
                    var names = new java.util.ArrayList<String>();
                    target.fieldNames().forEachRemaining(names::add);
                    if (!names.isEmpty()) {
                        target.remove(names.get(random.nextInt(names.size())));
                    }
                }
                default -> target.set(randomKey(random), randomObject(random, 2));
            }
        }
        return copy;
    }
}
