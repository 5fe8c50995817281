package io.kongexporter.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** {@code kong.probe_targets}: a list of {host: regex, ports: [..], scheme: http|https}; env/flags: {@code host-regex:port|port,...}. */
final class ProbeTargetReader {
    private ProbeTargetReader() {}

    static List<ProbeTarget> fromText(String key, String text) throws ConfigException {
        List<ProbeTarget> targets = new ArrayList<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.lastIndexOf(':');
            if (colon <= 0) {
                throw ConfigException.invalid(key, item, "expected host-regex:port|port");
            }
            List<Integer> ports = new ArrayList<>();
            for (String port : item.substring(colon + 1).split("\\|")) {
                ports.add(port(key, port));
            }
            targets.add(new ProbeTarget(regex(item.substring(0, colon).trim()), ports, "http"));
        }
        return targets;
    }

    static List<ProbeTarget> fromYaml(JsonNode list) throws ConfigException {
        if (!list.isArray()) {
            throw ConfigException.invalid("kong.probe_targets", list.toString(), "expected a list of {host, ports, scheme}");
        }
        List<ProbeTarget> targets = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String key = "kong.probe_targets[" + i + "]";
            Iterator<String> names = item.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!Set.of("host", "ports", "scheme").contains(name)) {
                    throw ConfigException.unknownKey(key + "." + name, "the probe targets (known: host, ports, scheme)");
                }
            }
            if (!item.path("host").isTextual() || !item.path("ports").isArray() || item.path("ports").isEmpty()) {
                throw ConfigException.invalid(key, item.toString(), "needs host (a regular expression) and ports (a list)");
            }
            List<Integer> ports = new ArrayList<>();
            for (JsonNode port : item.get("ports")) {
                ports.add(port(key + ".ports", port.asText()));
            }
            String scheme = item.path("scheme").asText("http");
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw ConfigException.invalid(key + ".scheme", scheme, "expected http or https");
            }
            targets.add(new ProbeTarget(regex(item.get("host").asText()), ports, scheme));
        }
        return targets;
    }
    private static java.util.regex.Pattern regex(String text) throws ConfigException {
        try {
            return java.util.regex.Pattern.compile(text);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw ConfigException.invalid("kong.probe_targets.host", text, "not a regular expression: " + e.getDescription());
        }
    }

    private static int port(String key, String text) throws ConfigException {
        try {
            int port = Integer.parseInt(text.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ConfigException.invalid(key, text, "ports are numbers from 1 to 65535");
    }
}
