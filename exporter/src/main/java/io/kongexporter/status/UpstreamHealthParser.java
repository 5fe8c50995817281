package io.kongexporter.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses {@code GET /upstreams} pages and {@code GET /upstreams/{name}/health}. */
public final class UpstreamHealthParser {
    private UpstreamHealthParser() {}

    /** Names (or ids, for unnamed upstreams) of one page of {@code /upstreams}. */
    public static Page<String> parseUpstreams(byte[] body) throws KongParseException {
        JsonNode root = JsonBody.read(body, "/upstreams");
        List<String> names = new ArrayList<>();
        for (JsonNode upstream : dataArray(root, "/upstreams")) {
            String name = JsonBody.text(upstream, "name");
            names.add(name.isEmpty() ? JsonBody.text(upstream, "id") : name);
        }
        String next = JsonBody.text(root, "next");
        return new Page<>(names, next.isEmpty() ? null : next);
    }

    /** One entry per target address; a target without resolved addresses gives one entry with an empty address. */
    public static List<TargetHealth> parseHealth(String upstream, byte[] body) throws KongParseException {
        String where = "/upstreams/" + upstream + "/health";
        JsonNode root = JsonBody.read(body, where);
        List<TargetHealth> health = new ArrayList<>();
        for (JsonNode target : dataArray(root, where)) {
            String name = JsonBody.text(target, "target");
            String targetState = state(JsonBody.text(target, "health"));
            JsonNode addresses = target.path("data").path("addresses");
            if (!addresses.isArray() || addresses.isEmpty()) {
                health.add(new TargetHealth(upstream, name, "", targetState));
                continue;
            }
            for (JsonNode address : addresses) {
                String ip = JsonBody.text(address, "ip");
                String port = JsonBody.text(address, "port");
                String addressState = JsonBody.text(address, "health");
                health.add(new TargetHealth(upstream, name, port.isEmpty() ? ip : ip + ":" + port,
                        addressState.isEmpty() ? targetState : state(addressState)));
            }
        }
        return health;
    }

    private static JsonNode dataArray(JsonNode root, String where) throws KongParseException {
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new KongParseException(where + ".data: expected an array, got " + JsonBody.describe(data));
        }
        for (JsonNode item : data) {
            if (!item.isObject()) {
                throw new KongParseException(where + ".data[]: expected an object, got " + JsonBody.describe(item));
            }
        }
        return data;
    }

    /** Kong's HEALTHY / UNHEALTHY / DNS_ERROR / HEALTHCHECKS_OFF as the plugin's label values. */
    static String state(String kongHealth) {
        return kongHealth.isEmpty() ? "healthchecks_off" : kongHealth.toLowerCase(Locale.ROOT);
    }
}
