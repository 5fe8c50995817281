package io.kongexporter.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@link ExporterConfig} from a YAML file, the environment and the command line, in that
 * order of increasing precedence. Takes all three as arguments so tests never touch the process.
 */
public final class ConfigLoader {
    private static final AtomicBoolean SERVICE_LINKS_LOGGED = new AtomicBoolean();

    private final RawValues raw = new RawValues();
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
        commandLine.overrides().forEach((key, value) -> loader.raw.put(key, new RawValues.Raw(null, value, "flag " + key.flag())));
        return loader.build();
    }

    private void readFile(Path file) throws ConfigException {
        JsonNode root = YamlFile.read(file, "config file");
        if (root == null) {
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
                    raw.put(key.get(), new RawValues.Raw(field.getValue(), null, origin));
                }
            } else if (isSection(path) && (field.getValue().isObject() || field.getValue().isNull())) {
                if (field.getValue().isObject()) {
                    collect(field.getValue(), path, origin);
                }
            } else {
                List<String> paths = new ArrayList<>();
                for (ConfigKey known : ConfigKey.values()) {
                    paths.add(known.path());
                }
                throw ConfigException.unknownKey(path, origin, path, paths);
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
        List<String> serviceLinks = new ArrayList<>();
        for (Map.Entry<String, String> var : env.entrySet()) {
            if (!var.getKey().startsWith(ConfigKey.ENV_PREFIX)) {
                continue;
            }
            var key = ConfigKey.byEnvName(var.getKey());
            if (key.isPresent()) {
                raw.put(key.get(), new RawValues.Raw(null, var.getValue(), "environment variable " + var.getKey()));
            } else if (ServiceLinkVariables.is(var.getKey(), var.getValue())) {
                serviceLinks.add(var.getKey());
            } else {
                throw unknownEnv(var.getKey());
            }
        }
        if (!serviceLinks.isEmpty() && SERVICE_LINKS_LOGGED.compareAndSet(false, true)) {
            LoggerFactory.getLogger(ConfigLoader.class).debug("ignoring Kubernetes service-link variables (a Service named kong-exporter): {}",
                    new TreeSet<>(serviceLinks));
        }
    }

    private static ConfigException unknownEnv(String name) {
        List<String> names = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            names.add(key.envName());
        }
        String hint = ServiceLinkVariables.looksLikeOne(name)
                ? " (its name is that of a Kubernetes service link, but not its value; the listen address is KONG_EXPORTER_LISTEN)"
                : " (see --help for every variable)";
        return new ConfigException("unknown environment variable '" + name + "'" + NearestName.suggestion(name, names) + hint);
    }

    private ExporterConfig build() throws ConfigException {
        ListenAddress listen = ListenAddress.parse(raw.label(ConfigKey.LISTEN), raw.string(ConfigKey.LISTEN, "0.0.0.0:9542"));
        Duration interval = raw.duration(ConfigKey.KONG_POLL_INTERVAL, Duration.ofSeconds(5));
        Duration timeout = raw.duration(ConfigKey.KONG_TIMEOUT, Duration.ofSeconds(2));
        Duration heartbeat = raw.duration(ConfigKey.KONG_HEARTBEAT_WINDOW, Duration.ofSeconds(15));
        raw.requirePositive(ConfigKey.KONG_POLL_INTERVAL, interval);
        raw.requirePositive(ConfigKey.KONG_TIMEOUT, timeout);
        raw.requirePositive(ConfigKey.KONG_HEARTBEAT_WINDOW, heartbeat);
        if (timeout.compareTo(interval) > 0) {
            throw ConfigException.invalid(raw.label(ConfigKey.KONG_TIMEOUT), DurationValue.format(timeout),
                    "must not be longer than kong.poll_interval (" + DurationValue.format(interval) + ")");
        }
        if (heartbeat.compareTo(interval) < 0) {
            throw ConfigException.invalid(raw.label(ConfigKey.KONG_HEARTBEAT_WINDOW), DurationValue.format(heartbeat),
                    "must be at least kong.poll_interval (" + DurationValue.format(interval) + ")");
        }
        KongConfig kong = new KongConfig(nodes(), interval, timeout, heartbeat, raw.bool(ConfigKey.KONG_UPSTREAM_HEALTH, false), probeTargets(),
                raw.bool(ConfigKey.KONG_CERTIFICATES, false));
        String webFile = raw.string(ConfigKey.WEB_CONFIG_FILE, null);
        WebConfig web = webFile == null || webFile.isBlank() ? WebConfig.none() : WebConfigLoader.load(Path.of(webFile.trim()));
        IngestConfig ingest = new IngestSectionReader(raw, new SecretReader(env)).read();
        KafkaConfig kafka = new KafkaSectionReader(raw, new SecretReader(env)).read();
        return new ExporterConfig(listen, kong, ingest, metrics(), live(kafka), web, log(), kafka, new SocketsSectionReader(raw).read());
    }

    private LogConfig log() throws ConfigException {
        LogConfig defaults = LogConfig.defaults();
        return new LogConfig(raw.choice(ConfigKey.LOG_LEVEL, LogConfig.Level.values(), LogConfig.Level::value, defaults.level()),
                raw.choice(ConfigKey.LOG_FORMAT, LogConfig.Format.values(), LogConfig.Format::value, defaults.format()));
    }

    private LiveConfig live(KafkaConfig kafka) throws ConfigException {
        int maxClients = raw.integer(ConfigKey.LIVE_MAX_CLIENTS, LiveConfig.defaults().maxClients(), 0, 100_000);
        List<String> paths = raw.contains(ConfigKey.LIVE_STREAM_PATHS) ? raw.list(ConfigKey.LIVE_STREAM_PATHS) : LiveConfig.DEFAULT_STREAM_PATHS;
        for (String path : paths) {
            if (!path.matches("(/([A-Za-z0-9._~-]+|\\{name\\}))+")) {
                throw ConfigException.invalid(raw.label(ConfigKey.LIVE_STREAM_PATHS), path,
                        "each must be an Admin API path like /status or /upstreams/{name}/health, without a query");
            }
        }
        Optional<String> topic = raw.optional(ConfigKey.LIVE_KAFKA_TOPIC).map(String::trim);
        if (topic.isPresent()) {
            if (!topic.get().matches("[a-zA-Z0-9._-]{1,249}")) {
                throw ConfigException.invalid(raw.label(ConfigKey.LIVE_KAFKA_TOPIC), topic.get(), "a Kafka topic name: letters, digits, . _ -");
            }
            if (!kafka.enabled()) {
                throw new ConfigException("set " + raw.label(ConfigKey.INGEST_KAFKA_BOOTSTRAP_SERVERS) + " too: "
                        + raw.label(ConfigKey.LIVE_KAFKA_TOPIC) + " is on the brokers of ingest.kafka");
            }
            if (kafka.topics().contains(topic.get())) {
                throw ConfigException.invalid(raw.label(ConfigKey.LIVE_KAFKA_TOPIC), topic.get(), "must not be one of ingest.kafka.topics (Kong's log entries)");
            }
        }
        return new LiveConfig(maxClients, paths, topic);
    }

    private List<NodeConfig> nodes() throws ConfigException {
        RawValues.Raw value = raw.get(ConfigKey.KONG_NODES);
        NodeListReader reader = new NodeListReader(new SecretReader(env));
        if (value == null) {
            return new ArrayList<>();
        }
        return value.isText() ? reader.fromText(value.text()) : reader.fromYaml(value.yaml());
    }

    private List<ProbeTarget> probeTargets() throws ConfigException {
        RawValues.Raw value = raw.get(ConfigKey.KONG_PROBE_TARGETS);
        if (value == null) {
            return new ArrayList<>();
        }
        return value.isText() ? ProbeTargetReader.fromText(raw.label(ConfigKey.KONG_PROBE_TARGETS), value.text()) : ProbeTargetReader.fromYaml(value.yaml());
    }

    private MetricsConfig metrics() throws ConfigException {
        MetricsConfig defaults = MetricsConfig.defaults();
        MetricsConfig.Naming naming = raw.choice(ConfigKey.METRICS_NAMING, MetricsConfig.Naming.values(), MetricsConfig.Naming::value, defaults.naming());
        MetricsConfig.ConsumerLabel consumer = raw.choice(ConfigKey.METRICS_CONSUMER_LABEL, MetricsConfig.ConsumerLabel.values(),
                MetricsConfig.ConsumerLabel::value, defaults.consumerLabel());
        List<Double> buckets = new ArrayList<>();
        for (String bucket : raw.list(ConfigKey.METRICS_LATENCY_BUCKETS)) {
            double value;
            try {
                value = Double.parseDouble(bucket);
            } catch (NumberFormatException e) {
                throw ConfigException.invalid(raw.label(ConfigKey.METRICS_LATENCY_BUCKETS), bucket, "expected numbers of seconds, e.g. [0.005, 0.01, 0.1, 1]");
            }
            if (!(value > 0) || Double.isInfinite(value) || !buckets.isEmpty() && value <= buckets.get(buckets.size() - 1)) {
                throw ConfigException.invalid(raw.label(ConfigKey.METRICS_LATENCY_BUCKETS), bucket, "bucket bounds must be positive, finite and increasing");
            }
            buckets.add(value);
        }
        int maxSeries = raw.integer(ConfigKey.METRICS_MAX_SERIES, defaults.maxSeries(), 10, 10_000_000);
        int maxLabelValues = raw.integer(ConfigKey.METRICS_MAX_LABEL_VALUES, defaults.maxLabelValues(), 1, 10_000_000);
        Duration ttl = raw.duration(ConfigKey.METRICS_SERIES_TTL, defaults.seriesTtl());
        if (ttl.compareTo(Duration.ofMinutes(1)) < 0) {
            throw ConfigException.invalid(raw.label(ConfigKey.METRICS_SERIES_TTL), DurationValue.format(ttl), "must be at least 1m, far above any scrape interval");
        }
        int maxLabelLength = raw.integer(ConfigKey.METRICS_MAX_LABEL_LENGTH, defaults.maxLabelLength(), 32, 65_536);
        boolean perConsumer = raw.bool(ConfigKey.METRICS_PER_CONSUMER, defaults.perConsumer());
        int maxSamples = raw.integer(ConfigKey.METRICS_MAX_SAMPLES, defaults.maxSamples(), 1_000, 100_000_000);
        MetricsConfig.LatencyLabels latencyLabels = raw.choice(ConfigKey.METRICS_LATENCY_LABELS, MetricsConfig.LatencyLabels.values(),
                MetricsConfig.LatencyLabels::value, defaults.latencyLabels());
        return new MetricsConfig(naming, consumer, buckets, maxSeries, maxLabelValues, ttl, maxLabelLength, perConsumer, maxSamples, latencyLabels);
    }
}
