package io.kongexporter.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds an {@link ExporterConfig} from a YAML file, the environment and the command line, in that
 * order of increasing precedence. Takes all three as arguments so tests never touch the process.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One raw value and where it came from (for error messages). */
    private record Raw(JsonNode yaml, String text, String origin) {
        boolean isText() {
            return text != null;
        }
    }

    private final Map<ConfigKey, Raw> raw = new EnumMap<>(ConfigKey.class);
    private final Map<String, String> env;

    private ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public static ExporterConfig load(Map<String, String> env, CommandLine commandLine) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(env);
        if (commandLine.configFile().isPresent()) {
            loader.readFile(commandLine.configFile().get());
        }
        loader.readEnv(env);
        commandLine.overrides().forEach((key, value) -> loader.raw.put(key, new Raw(null, value, "flag " + key.flag())));
        return loader.build();
    }

    private void readFile(Path file) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must be a YAML mapping of keys, not a " + root.getNodeType().name().toLowerCase());
        }
        collect(root, "", file.toString());
    }

    private void collect(JsonNode node, String prefix, String origin) throws ConfigException {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            var key = ConfigKey.byPath(path);
            if (key.isPresent()) {
                if (!field.getValue().isNull()) {
                    raw.put(key.get(), new Raw(field.getValue(), null, origin));
                }
            } else if (isSection(path) && field.getValue().isObject()) {
                collect(field.getValue(), path, origin);
            } else if (isSection(path) && field.getValue().isNull()) {
                continue;
            } else {
                throw ConfigException.unknownKey(path, origin);
            }
        }
    }

    private static boolean isSection(String path) {
        for (ConfigKey key : ConfigKey.values()) {
            if (key.path().startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }

    private void readEnv(Map<String, String> env) throws ConfigException {
        for (Map.Entry<String, String> var : env.entrySet()) {
            if (!var.getKey().startsWith(ConfigKey.ENV_PREFIX)) {
                continue;
            }
            ConfigKey key = ConfigKey.byEnvName(var.getKey())
                    .orElseThrow(() -> new ConfigException("unknown environment variable '" + var.getKey()
                            + "' (known: " + knownEnvNames() + ")"));
            raw.put(key, new Raw(null, var.getValue(), "environment variable " + var.getKey()));
        }
    }

    private static String knownEnvNames() {
        List<String> names = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            names.add(key.envName());
        }
        return String.join(", ", names);
    }

    private ExporterConfig build() throws ConfigException {
        ListenAddress listen = ListenAddress.parse(label(ConfigKey.LISTEN), string(ConfigKey.LISTEN, "0.0.0.0:9542"));
        Duration interval = duration(ConfigKey.KONG_POLL_INTERVAL, Duration.ofSeconds(5));
        Duration timeout = duration(ConfigKey.KONG_TIMEOUT, Duration.ofSeconds(2));
        Duration heartbeat = duration(ConfigKey.KONG_HEARTBEAT_WINDOW, Duration.ofSeconds(15));
        requirePositive(ConfigKey.KONG_POLL_INTERVAL, interval);
        requirePositive(ConfigKey.KONG_TIMEOUT, timeout);
        requirePositive(ConfigKey.KONG_HEARTBEAT_WINDOW, heartbeat);
        if (timeout.compareTo(interval) > 0) {
            throw ConfigException.invalid(label(ConfigKey.KONG_TIMEOUT), DurationValue.format(timeout),
                    "must not be longer than kong.poll_interval (" + DurationValue.format(interval) + ")");
        }
        if (heartbeat.compareTo(interval) < 0) {
            throw ConfigException.invalid(label(ConfigKey.KONG_HEARTBEAT_WINDOW), DurationValue.format(heartbeat),
                    "must be at least kong.poll_interval (" + DurationValue.format(interval) + ")");
        }
        KongConfig kong = new KongConfig(nodes(), interval, timeout, heartbeat, bool(ConfigKey.KONG_UPSTREAM_HEALTH, false), probeTargets());
        String webFile = string(ConfigKey.WEB_CONFIG_FILE, null);
        WebConfig web = webFile == null || webFile.isBlank() ? WebConfig.none() : WebConfigLoader.load(Path.of(webFile.trim()));
        return new ExporterConfig(listen, kong, ingest(), metrics(), live(), web);
    }

    private LiveConfig live() throws ConfigException {
        int maxClients = integer(ConfigKey.LIVE_MAX_CLIENTS, LiveConfig.defaults().maxClients(), 0, 100_000);
        List<String> paths = raw.containsKey(ConfigKey.LIVE_STREAM_PATHS) ? list(ConfigKey.LIVE_STREAM_PATHS) : LiveConfig.DEFAULT_STREAM_PATHS;
        for (String path : paths) {
            if (!path.matches("(/([A-Za-z0-9._~-]+|\\{name\\}))+")) {
                throw ConfigException.invalid(label(ConfigKey.LIVE_STREAM_PATHS), path,
                        "each must be an Admin API path like /status or /upstreams/{name}/health, without a query");
            }
        }
        return new LiveConfig(maxClients, paths);
    }

    private List<NodeConfig> nodes() throws ConfigException {
        Raw value = raw.get(ConfigKey.KONG_NODES);
        NodeListReader reader = new NodeListReader(env);
        if (value == null) {
            return new ArrayList<>();
        }
        return value.isText() ? reader.fromText(value.text()) : reader.fromYaml(value.yaml());
    }

    private List<ProbeTarget> probeTargets() throws ConfigException {
        Raw value = raw.get(ConfigKey.KONG_PROBE_TARGETS);
        if (value == null) {
            return new ArrayList<>();
        }
        return value.isText() ? ProbeTargetReader.fromText(label(ConfigKey.KONG_PROBE_TARGETS), value.text()) : ProbeTargetReader.fromYaml(value.yaml());
    }

    private IngestConfig ingest() throws ConfigException {
        String path = string(ConfigKey.INGEST_PATH, "/logs").trim();
        if (!path.matches("/[A-Za-z0-9._~/-]*") || path.equals("/") || path.equals("/metrics") || path.startsWith("/-/")) {
            throw ConfigException.invalid(label(ConfigKey.INGEST_PATH), path, "expected a path like /logs, not / or a path the exporter serves");
        }
        Optional<String> token = optional(ConfigKey.INGEST_TOKEN);
        Optional<String> basicAuth = optional(ConfigKey.INGEST_BASIC_AUTH);
        if (basicAuth.isPresent() && basicAuth.get().indexOf(':') <= 0) {
            throw ConfigException.invalid(label(ConfigKey.INGEST_BASIC_AUTH), "<hidden>", "expected user:password");
        }
        long maxBody = raw.containsKey(ConfigKey.INGEST_MAX_BODY)
                ? ByteSize.parse(label(ConfigKey.INGEST_MAX_BODY), string(ConfigKey.INGEST_MAX_BODY, null))
                : IngestConfig.DEFAULT_MAX_BODY;
        if (maxBody < 1024 || maxBody > (1L << 30)) {
            throw ConfigException.invalid(label(ConfigKey.INGEST_MAX_BODY), Long.toString(maxBody), "must be between 1KiB and 1GiB");
        }
        List<String> extraLabels = list(ConfigKey.INGEST_EXTRA_LABELS);
        for (String name : extraLabels) {
            if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*") || name.startsWith("__")) {
                throw ConfigException.invalid(label(ConfigKey.INGEST_EXTRA_LABELS), name, "each must be a top-level field name usable as a label name");
            }
        }
        Duration dedupeWindow = duration(ConfigKey.INGEST_DEDUPE_WINDOW, IngestConfig.DEFAULT_DEDUPE_WINDOW);
        int dedupeMaxIds = integer(ConfigKey.INGEST_DEDUPE_MAX_IDS, IngestConfig.DEFAULT_DEDUPE_MAX_IDS, 60, 100_000_000);
        return new IngestConfig(path, token, basicAuth, maxBody, extraLabels, dedupeWindow, dedupeMaxIds);
    }

    private MetricsConfig metrics() throws ConfigException {
        MetricsConfig defaults = MetricsConfig.defaults();
        MetricsConfig.Naming naming = choice(ConfigKey.METRICS_NAMING, MetricsConfig.Naming.values(), MetricsConfig.Naming::value, defaults.naming());
        MetricsConfig.ConsumerLabel consumer = choice(ConfigKey.METRICS_CONSUMER_LABEL, MetricsConfig.ConsumerLabel.values(),
                MetricsConfig.ConsumerLabel::value, defaults.consumerLabel());
        List<Double> buckets = new ArrayList<>();
        for (String bucket : list(ConfigKey.METRICS_LATENCY_BUCKETS)) {
            double value;
            try {
                value = Double.parseDouble(bucket);
            } catch (NumberFormatException e) {
                throw ConfigException.invalid(label(ConfigKey.METRICS_LATENCY_BUCKETS), bucket, "expected numbers of seconds, e.g. [0.005, 0.01, 0.1, 1]");
            }
            if (!(value > 0) || Double.isInfinite(value) || !buckets.isEmpty() && value <= buckets.get(buckets.size() - 1)) {
                throw ConfigException.invalid(label(ConfigKey.METRICS_LATENCY_BUCKETS), bucket, "bucket bounds must be positive, finite and increasing");
            }
            buckets.add(value);
        }
        int maxSeries = integer(ConfigKey.METRICS_MAX_SERIES, defaults.maxSeries(), 10, 10_000_000);
        int maxLabelValues = integer(ConfigKey.METRICS_MAX_LABEL_VALUES, defaults.maxLabelValues(), 1, 10_000_000);
        Duration ttl = duration(ConfigKey.METRICS_SERIES_TTL, defaults.seriesTtl());
        if (ttl.compareTo(Duration.ofMinutes(1)) < 0) {
            throw ConfigException.invalid(label(ConfigKey.METRICS_SERIES_TTL), DurationValue.format(ttl), "must be at least 1m, far above any scrape interval");
        }
        return new MetricsConfig(naming, consumer, buckets, maxSeries, maxLabelValues, ttl);
    }

    private Optional<String> optional(ConfigKey key) throws ConfigException {
        String value = string(key, null);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A YAML list, or a comma-separated string (environment, flags). */
    private List<String> list(ConfigKey key) throws ConfigException {
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

    private int integer(ConfigKey key, int fallback, int min, int max) throws ConfigException {
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

    private <E> E choice(ConfigKey key, E[] values, Function<E, String> name, E fallback) throws ConfigException {
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

    /** The key as errors name it, with where its value came from. */
    private String label(ConfigKey key) {
        Raw value = raw.get(key);
        return value == null ? key.path() : "'" + key.path() + "' (from " + value.origin() + ")";
    }

    private void requirePositive(ConfigKey key, Duration d) throws ConfigException {
        if (d.isZero() || d.isNegative()) {
            throw ConfigException.invalid(label(key), DurationValue.format(d), "must be greater than 0");
        }
    }

    private String string(ConfigKey key, String fallback) throws ConfigException {
        Raw value = raw.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isText()) {
            return value.text();
        }
        if (!value.yaml().isValueNode()) {
            throw ConfigException.invalid(label(key), value.yaml().toString(), "expected a single value");
        }
        return value.yaml().asText();
    }

    private Duration duration(ConfigKey key, Duration fallback) throws ConfigException {
        return raw.containsKey(key) ? DurationValue.parse(label(key), string(key, null)) : fallback;
    }

    private boolean bool(ConfigKey key, boolean fallback) throws ConfigException {
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

}
