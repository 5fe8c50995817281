package io.kongexporter.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The objects of a multi-document YAML stream (helm template, kubectl kustomize), as JSON trees. */
record RenderedObjects(String yaml, List<JsonNode> objects) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    RenderedObjects {
        objects = List.copyOf(objects);
    }

    static RenderedObjects parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderedObjects(yaml, objects);
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    /** The one object of that kind and name; fails when there is none. */
    JsonNode get(String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in:\n" + kinds()));
    }

    List<String> kinds() {
        return objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText()).toList();
    }

    /** The workload (Deployment or StatefulSet). */
    JsonNode workload() {
        List<JsonNode> workloads = objects.stream().filter(o -> o.path("kind").asText().matches("Deployment|StatefulSet")).toList();
        if (workloads.size() != 1) {
            throw new AssertionError("expected one workload, got " + kinds());
        }
        return workloads.get(0);
    }
}
