package io.kongexporter.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The raw value of each key set in the file, the environment or a flag (the last one wins), with where it came
 * from, and typed readers that name the key and its origin in every error. A secret key's value is never printed.
 */
final class RawValues {
    /** One raw value: a YAML node (file) or text (environment, flags). */
    record Raw(JsonNode yaml, String text, String origin) {
        boolean isText() {
            return text != null;
        }
    }

    private final Map<ConfigKey, Raw> raw = new EnumMap<>(ConfigKey.class);

    void put(ConfigKey key, Raw value) {
        raw.put(key, value);
    }

    boolean contains(ConfigKey key) {
        return raw.containsKey(key);
    }

    Raw get(ConfigKey key) {
        return raw.get(key);
    }

    /** The key as errors name it, with where its value came from. */
    String label(ConfigKey key) {
        Raw value = raw.get(key);
        return value == null ? key.path() : "'" + key.path() + "' (from " + value.origin() + ")";
    }

    /** A value as an error may show it: never a secret's. */
    String shown(ConfigKey key, String value) {
        return key.kind() == ConfigKey.Kind.SECRET ? "<hidden>" : value;
    }

    String string(ConfigKey key, String fallback) throws ConfigException {
        Raw value = raw.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isText()) {
            return value.text();
        }
        if (!value.yaml().isValueNode()) {
            throw ConfigException.invalid(label(key), shown(key, value.yaml().toString()), "expected a single value");
        }
        return value.yaml().asText();
    }

    Optional<String> optional(ConfigKey key) throws ConfigException {
        String value = string(key, null);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A YAML list, or a comma-separated string (environment, flags). */
    List<String> list(ConfigKey key) throws ConfigException {
        Raw value = raw.get(key);
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (value.isText() || value.yaml().isValueNode()) {
            for (String item : (value.isText() ? value.text() : value.yaml().asText()).split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
            return items;
        }
        if (!value.yaml().isArray()) {
            throw ConfigException.invalid(label(key), value.yaml().toString(), "expected a list");
        }
        for (JsonNode item : value.yaml()) {
            if (!item.isValueNode()) {
                throw ConfigException.invalid(label(key), item.toString(), "list items must be single values");
            }
            items.add(item.asText().trim());
        }
        return items;
    }

    int integer(ConfigKey key, int fallback, int min, int max) throws ConfigException {
        if (!raw.containsKey(key)) {
            return fallback;
        }
        String text = string(key, null).trim().replace("_", "");
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw ConfigException.invalid(label(key), text, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(label(key), text, "expected a whole number");
        }
    }

    <E> E choice(ConfigKey key, E[] values, Function<E, String> name, E fallback) throws ConfigException {
        if (!raw.containsKey(key)) {
            return fallback;
        }
        String text = string(key, null).trim();
        List<String> allowed = new ArrayList<>();
        for (E value : values) {
            if (name.apply(value).equals(text)) {
                return value;
            }
            allowed.add(name.apply(value));
        }
        throw ConfigException.invalid(label(key), text, "expected one of " + String.join(", ", allowed));
    }

    Duration duration(ConfigKey key, Duration fallback) throws ConfigException {
        return raw.containsKey(key) ? DurationValue.parse(label(key), string(key, null)) : fallback;
    }

    boolean bool(ConfigKey key, boolean fallback) throws ConfigException {
        if (!raw.containsKey(key)) {
            return fallback;
        }
        String text = string(key, null).trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw ConfigException.invalid(label(key), text, "expected true or false");
    }

    void requirePositive(ConfigKey key, Duration d) throws ConfigException {
        if (d.isZero() || d.isNegative()) {
            throw ConfigException.invalid(label(key), DurationValue.format(d), "must be greater than 0");
        }
    }
}
