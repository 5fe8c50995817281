package io.kongsimulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code service}, {@code route} and {@code consumer} objects of an entry, written once per
 * entity and then copied as raw bytes: they are half of an entry and never change. Also the three
 * upstream targets each service balances over, derived from its id.
 *
 * <p>Keyed by identity (reuse entity instances, as the catalog does); forgets everything past
 * {@value #MAX_ENTITIES} entities. Not thread-safe.
 */
final class EntityJson {

    private static final int MAX_ENTITIES = 4096;

    private final JsonFactory factory;
    private final String workspaceId;
    private final Map<Object, SerializableString> json = new IdentityHashMap<>();
    private final Map<ServiceEntity, String[]> targets = new IdentityHashMap<>();

    EntityJson(JsonFactory factory, String workspaceId) {
        this.factory = factory;
        this.workspaceId = workspaceId;
    }

    SerializableString of(ServiceEntity service) {
        SerializableString known = json.get(service);
        return known != null ? known : remember(service, g -> {
            g.writeNumberField("connect_timeout", service.connectTimeout());
            g.writeNumberField("created_at", service.createdAt());
            g.writeBooleanField("enabled", true);
            g.writeStringField("host", service.host());
            g.writeStringField("id", service.id());
            if (service.name() != null) {
                g.writeStringField("name", service.name());
            }
            if (service.path() != null) {
                g.writeStringField("path", service.path());
            }
            g.writeNumberField("port", service.port());
            g.writeStringField("protocol", service.protocol());
            g.writeNumberField("read_timeout", service.readTimeout());
            g.writeNumberField("retries", service.retries());
            strings(g, "tags", service.tags());
            g.writeNumberField("updated_at", service.updatedAt());
            g.writeNumberField("write_timeout", service.writeTimeout());
        });
    }

    SerializableString of(RouteEntity route) {
        SerializableString known = json.get(route);
        return known != null ? known : remember(route, g -> {
            g.writeNumberField("created_at", route.createdAt());
            g.writeNumberField("https_redirect_status_code", 426);
            g.writeStringField("id", route.id());
            strings(g, "methods", route.methods());
            if (route.name() != null) {
                g.writeStringField("name", route.name());
            }
            g.writeStringField("path_handling", "v0");
            strings(g, "paths", route.paths());
            g.writeBooleanField("preserve_host", route.preserveHost());
            strings(g, "protocols", route.protocols());
            g.writeNumberField("regex_priority", 0);
            g.writeBooleanField("request_buffering", true);
            g.writeBooleanField("response_buffering", true);
            g.writeObjectFieldStart("service");
            g.writeStringField("id", route.serviceId());
            g.writeEndObject();
            g.writeBooleanField("strip_path", route.stripPath());
            strings(g, "tags", route.tags());
            g.writeNumberField("updated_at", route.updatedAt());
        });
    }

    SerializableString of(ConsumerEntity consumer) {
        SerializableString known = json.get(consumer);
        return known != null ? known : remember(consumer, g -> {
            g.writeNumberField("created_at", consumer.createdAt());
            if (consumer.customId() != null) {
                g.writeStringField("custom_id", consumer.customId());
            }
            g.writeStringField("id", consumer.id());
            strings(g, "tags", consumer.tags());
            g.writeNumberField("updated_at", consumer.createdAt());
            if (consumer.username() != null) {
                g.writeStringField("username", consumer.username());
            }
        });
    }

    /** Three target addresses {@code 10.42.x.y} for the service, stable for its id. */
    String[] targets(ServiceEntity service) {
        String[] known = targets.get(service);
        if (known != null) {
            return known;
        }
        int hash = service.id().hashCode();
        int subnet = 1 + Math.floorMod(hash, 250);
        String[] made = new String[3];
        for (int i = 0; i < made.length; i++) {
            made[i] = "10.42." + subnet + "." + (11 + Math.floorMod(hash >>> 8, 60) + i * 7);
        }
        if (targets.size() >= MAX_ENTITIES) {
            targets.clear();
        }
        targets.put(service, made);
        return made;
    }

    private SerializableString remember(Object entity, Fields fields) {
        StringWriter text = new StringWriter(640);
        try (JsonGenerator g = factory.createGenerator(text)) {
            g.writeStartObject();
            fields.write(g);
            g.writeStringField("ws_id", workspaceId);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e);
        }
        SerializableString made = new SerializedString(text.toString());
        if (json.size() >= MAX_ENTITIES) {
            json.clear();
        }
        json.put(entity, made);
        return made;
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values == null) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }
}
