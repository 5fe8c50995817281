package io.kongexporter.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key, once. The YAML path is the contract; the environment variable
 * ({@code KONG_EXPORTER_<PATH>}) and the flag ({@code --<path>}) are derived from it.
 */
public enum ConfigKey {
    LISTEN("listen"),
    WEB_CONFIG_FILE("web.config.file"),
    KONG_NODES("kong.nodes"),
    KONG_POLL_INTERVAL("kong.poll_interval"),
    KONG_TIMEOUT("kong.timeout"),
    KONG_HEARTBEAT_WINDOW("kong.heartbeat_window"),
    KONG_UPSTREAM_HEALTH("kong.upstream_health"),
    KONG_PROBE_TARGETS("kong.probe_targets"),
    INGEST_PATH("ingest.path"),
    INGEST_TOKEN("ingest.token"),
    INGEST_BASIC_AUTH("ingest.basic_auth"),
    INGEST_MAX_BODY("ingest.max_body"),
    INGEST_EXTRA_LABELS("ingest.extra_labels"),
    INGEST_DEDUPE_WINDOW("ingest.dedupe_window"),
    INGEST_DEDUPE_MAX_IDS("ingest.dedupe_max_ids"),
    METRICS_NAMING("metrics.naming"),
    METRICS_CONSUMER_LABEL("metrics.consumer_label"),
    METRICS_LATENCY_BUCKETS("metrics.latency_buckets"),
    METRICS_MAX_SERIES("metrics.max_series"),
    METRICS_MAX_LABEL_VALUES("metrics.max_label_values"),
    METRICS_SERIES_TTL("metrics.series_ttl"),
    LIVE_MAX_CLIENTS("live.max_clients"),
    LIVE_STREAM_PATHS("live.stream_paths");

    static final String ENV_PREFIX = "KONG_EXPORTER_";

    private final String path;

    ConfigKey(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public String envName() {
        return ENV_PREFIX + path.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public String flag() {
        return "--" + path;
    }

    static Optional<ConfigKey> byPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }

    static Optional<ConfigKey> byEnvName(String name) {
        return Arrays.stream(values()).filter(k -> k.envName().equals(name)).findFirst();
    }
}
