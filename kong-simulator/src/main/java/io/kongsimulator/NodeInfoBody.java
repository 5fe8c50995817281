package io.kongsimulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code GET /} in the shape of the node's Kong version: 3.x adds {@code edition} and lists plugins
 * as {@code {version, priority}} where 2.x says {@code true}. {@code configuration} holds the
 * handful of kong.conf keys an exporter reads, with the Postgres password redacted like Kong does.
 */
record NodeInfoBody(NodeProfile profile, Incarnation life, int adminPort, long nowMillis) implements JsonResponse {

    private record Plugin(String name, int priority) {
    }

    private static final List<Plugin> BUNDLED = List.of(
            new Plugin("acl", 950), new Plugin("basic-auth", 1100), new Plugin("correlation-id", 100001),
            new Plugin("cors", 2000), new Plugin("file-log", 9), new Plugin("http-log", 12),
            new Plugin("ip-restriction", 990), new Plugin("jwt", 1450), new Plugin("key-auth", 1250),
            new Plugin("oauth2", 1400), new Plugin("opentelemetry", 14), new Plugin("prometheus", 13),
            new Plugin("proxy-cache", 100), new Plugin("rate-limiting", 910),
            new Plugin("request-transformer", 801), new Plugin("response-transformer", 800),
            new Plugin("zipkin", 100000));
    private static final List<String> ENABLED = List.of(
            "correlation-id", "http-log", "key-auth", "prometheus", "rate-limiting");
    private static final String BACKLOG = " reuseport backlog=16384";
    private static final long TIMER_SALT = 0x74696d657273L;

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
        json.writeStartObject();
        writeConfiguration(json);
        if (profile.isKong3()) {
            json.writeStringField("edition", "community");
        }
        json.writeStringField("hostname", profile.name());
        json.writeStringField("lua_version", profile.isKong3() ? "LuaJIT 2.1.0-20231117" : "LuaJIT 2.1.0-beta3");
        json.writeStringField("node_id", life.nodeId().toString());
        json.writeObjectFieldStart("pids");
        json.writeNumberField("master", life.masterPid());
        json.writeArrayFieldStart("workers");
        for (int pid : life.workerPids()) {
            json.writeNumber(pid);
        }
        json.writeEndArray();
        json.writeEndObject();
        writePlugins(json);
        json.writeStringField("tagline", "Welcome to kong");
        writeTimers(json);
        json.writeStringField("version", profile.version());
        json.writeEndObject();
    }

    private void writeConfiguration(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("configuration");
        writeStrings(json, "admin_listen", "127.0.0.1:" + adminPort + BACKLOG);
        if (profile.isControlPlane()) {
            writeStrings(json, "cluster_listen", "0.0.0.0:8005");
        }
        json.writeStringField("database", profile.database().confValue());
        if (profile.isDbless()) {
            json.writeStringField("declarative_config", "/kong/declarative/kong.yml");
        }
        json.writeObjectFieldStart("loaded_plugins");
        for (Plugin plugin : BUNDLED) {
            json.writeBooleanField(plugin.name(), true);
        }
        json.writeEndObject();
        json.writeStringField("log_level", "notice");
        json.writeStringField("mem_cache_size", "128m");
        json.writeStringField("nginx_worker_processes", Integer.toString(profile.workers()));
        if (!profile.isDbless()) {
            json.writeStringField("pg_database", "kong");
            json.writeStringField("pg_host", "kong-db.demo.internal");
            json.writeStringField("pg_password", "******");
            json.writeStringField("pg_user", "kong");
        }
        writeStrings(json, "plugins", "bundled");
        json.writeStringField("prefix", "/usr/local/kong");
        writeStrings(json, "proxy_listen", "0.0.0.0:8000" + BACKLOG, "0.0.0.0:8443 http2 ssl" + BACKLOG);
        json.writeStringField("role", profile.role().confValue());
        writeStrings(json, "status_listen", "off");
        json.writeEndObject();
    }

    private void writePlugins(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("plugins");
        json.writeObjectFieldStart("available_on_server");
        for (Plugin plugin : BUNDLED) {
            if (profile.isKong3()) {
                json.writeObjectFieldStart(plugin.name());
                json.writeNumberField("priority", plugin.priority());
                json.writeStringField("version", profile.version());
                json.writeEndObject();
            } else {
                json.writeBooleanField(plugin.name(), true);
            }
        }
        json.writeEndObject();
        writeStrings(json, "enabled_in_cluster", ENABLED.toArray(String[]::new));
        json.writeEndObject();
    }

    private void writeTimers(JsonGenerator json) throws IOException {
        SplittableRandom noise = Noise.random(life.seed(), TIMER_SALT, nowMillis / 5000);
        json.writeObjectFieldStart("timers");
        json.writeNumberField("pending", 6 + noise.nextInt(7));
        json.writeNumberField("running", noise.nextInt(3));
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String field, String... values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
