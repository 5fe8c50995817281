package io.kongexporter.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key, once. The YAML path is the contract; the environment variable
 * ({@code KONG_EXPORTER_<PATH>}) and the flag ({@code --<path>}) are derived from it. The default shown here is
 * the text the loader would parse to the value it uses when the key is absent (empty: none); {@code --help} is
 * generated from this list.
 */
public enum ConfigKey {
    LISTEN("listen", Kind.SCALAR, "0.0.0.0:9542", "address of /metrics and the pages (alias flag --web.listen-address)"),
    WEB_CONFIG_FILE("web.config.file", Kind.SCALAR, "", "exporter-toolkit web config: TLS, basic auth users, headers"),
    KONG_NODES("kong.nodes", Kind.LIST, "", "Kong nodes to poll: name=url,name=url (YAML: a list with secrets and TLS)"),
    KONG_POLL_INTERVAL("kong.poll_interval", Kind.SCALAR, "5s", "how often each node is polled"),
    KONG_TIMEOUT("kong.timeout", Kind.SCALAR, "2s", "time limit of one request to a node"),
    KONG_HEARTBEAT_WINDOW("kong.heartbeat_window", Kind.SCALAR, "15s", "a node is live while its last good poll is younger"),
    KONG_UPSTREAM_HEALTH("kong.upstream_health", Kind.BOOLEAN, "false", "also poll upstream target health"),
    KONG_CERTIFICATES("kong.certificates", Kind.BOOLEAN, "false",
            "also read the Admin API's /certificates every 10 minutes and export their expiry (kong_certificate_expiry_timestamp_seconds)"),
    KONG_PROBE_TARGETS("kong.probe_targets", Kind.LIST, "", "targets /probe may poll: host-regex:port|port,..."),
    INGEST_PATH("ingest.path", Kind.SCALAR, "/logs", "the endpoint Kong's http-log plugin posts to"),
    INGEST_TOKEN("ingest.token", Kind.SECRET, "", "bearer token the log endpoint requires (${ENV} allowed)"),
    INGEST_TOKEN_FILE("ingest.token_file", Kind.SCALAR, "", "file holding ingest.token"),
    INGEST_BASIC_AUTH("ingest.basic_auth", Kind.SECRET, "", "user:password the log endpoint accepts (${ENV} allowed)"),
    INGEST_BASIC_AUTH_FILE("ingest.basic_auth_file", Kind.SCALAR, "", "file holding ingest.basic_auth"),
    INGEST_MAX_BODY("ingest.max_body", Kind.SCALAR, "16MiB", "larger log bodies get 413"),
    INGEST_EXTRA_LABELS("ingest.extra_labels", Kind.LIST, "", "custom top-level fields that become labels of the request counter"),
    INGEST_DEDUPE_WINDOW("ingest.dedupe_window", Kind.SCALAR, "2m", "how long request ids are remembered (0s: off)"),
    INGEST_DEDUPE_MAX_IDS("ingest.dedupe_max_ids", Kind.SCALAR, "1000000", "request ids remembered over the whole window"),
    INGEST_READ_TIMEOUT("ingest.read_timeout", Kind.SCALAR, "10s", "a log body not fully arrived by then gets 408 (Kong's http-log timeout is 10s)"),
    INGEST_KAFKA_BOOTSTRAP_SERVERS("ingest.kafka.bootstrap_servers", Kind.LIST, "", "Kafka brokers (host:port,...) to read Kong's kafka-log entries from; Kafka ingestion is off when unset"),
    INGEST_KAFKA_TOPICS("ingest.kafka.topics", Kind.LIST, "", "topics the kafka-log plugin writes to (required with bootstrap_servers)"),
    INGEST_KAFKA_GROUP_ID("ingest.kafka.group_id", Kind.SCALAR, "kong-exporter", "consumer group the replicas share (they split the partitions)"),
    INGEST_KAFKA_CLIENT_ID("ingest.kafka.client_id", Kind.SCALAR, "kong-exporter", "client id the brokers log and apply quotas by"),
    INGEST_KAFKA_START_FROM("ingest.kafka.start_from", Kind.SCALAR, "latest", "latest or earliest: where a group without committed offsets starts"),
    INGEST_KAFKA_COMMIT("ingest.kafka.commit", Kind.SCALAR, "scraped", "scraped (commit offsets once a /metrics scrape exposed their entries) or recorded (once counted)"),
    INGEST_KAFKA_SESSION_TIMEOUT("ingest.kafka.session_timeout", Kind.SCALAR, "45s", "a replica silent this long leaves the group; its partitions go to the others"),
    INGEST_KAFKA_TLS_CA_FILE("ingest.kafka.tls.ca_file", Kind.SCALAR, "", "PEM CA bundle the brokers' certificates are checked against; turns TLS on"),
    INGEST_KAFKA_TLS_CERT_FILE("ingest.kafka.tls.cert_file", Kind.SCALAR, "", "PEM client certificate chain (mutual TLS; with key_file)"),
    INGEST_KAFKA_TLS_KEY_FILE("ingest.kafka.tls.key_file", Kind.SCALAR, "", "PEM PKCS#8 private key of cert_file"),
    INGEST_KAFKA_SASL_MECHANISM("ingest.kafka.sasl.mechanism", Kind.SCALAR, "", "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (off when unset)"),
    INGEST_KAFKA_SASL_USERNAME("ingest.kafka.sasl.username", Kind.SCALAR, "", "SASL user name"),
    INGEST_KAFKA_SASL_PASSWORD("ingest.kafka.sasl.password", Kind.SECRET, "", "SASL password (${ENV} allowed)"),
    INGEST_KAFKA_SASL_PASSWORD_FILE("ingest.kafka.sasl.password_file", Kind.SCALAR, "", "file holding ingest.kafka.sasl.password"),
    INGEST_TCP_LISTEN("ingest.tcp.listen", Kind.SCALAR, "", "host:port for Kong's tcp-log plugin (newline-delimited JSON); off when unset"),
    INGEST_TCP_TLS_CERT_FILE("ingest.tcp.tls.cert_file", Kind.SCALAR, "", "PEM certificate: the tcp-log listener speaks TLS (tcp-log's tls: true)"),
    INGEST_TCP_TLS_KEY_FILE("ingest.tcp.tls.key_file", Kind.SCALAR, "", "PKCS#8 PEM key of ingest.tcp.tls.cert_file"),
    INGEST_TCP_MAX_LINE("ingest.tcp.max_line", Kind.SCALAR, "256KiB", "a longer tcp-log line is counted too_large and its connection closed"),
    INGEST_TCP_MAX_CONNECTIONS("ingest.tcp.max_connections", Kind.SCALAR, "1000", "tcp-log connections at once; more are closed at once"),
    INGEST_TCP_IDLE_TIMEOUT("ingest.tcp.idle_timeout", Kind.SCALAR, "2m", "a tcp-log connection silent this long is closed (Kong keeps idle ones 60s)"),
    INGEST_UDP_LISTEN("ingest.udp.listen", Kind.SCALAR, "", "host:port for Kong's udp-log plugin (one JSON entry a datagram); off when unset"),
    INGEST_UDP_MAX_MESSAGE("ingest.udp.max_message", Kind.SCALAR, "64KiB", "a longer udp-log datagram is counted cut"),
    INGEST_SYSLOG_LISTEN("ingest.syslog.listen", Kind.SCALAR, "", "host:port, UDP and TCP, for syslog (RFC 5424/3164) carrying Kong's syslog plugin output; off when unset"),
    INGEST_SYSLOG_MAX_MESSAGE("ingest.syslog.max_message", Kind.SCALAR, "64KiB", "a longer syslog message is counted too_large (TCP) or cut (UDP)"),
    INGEST_SYSLOG_MAX_CONNECTIONS("ingest.syslog.max_connections", Kind.SCALAR, "1000", "syslog TCP connections at once; more are closed at once"),
    INGEST_SYSLOG_IDLE_TIMEOUT("ingest.syslog.idle_timeout", Kind.SCALAR, "2m", "a syslog TCP connection silent this long is closed"),
    METRICS_NAMING("metrics.naming", Kind.SCALAR, "default", "default or kong-plugin (the names of Kong's prometheus plugin)"),
    METRICS_CONSUMER_LABEL("metrics.consumer_label", Kind.SCALAR, "username", "username, custom_id, id or none"),
    METRICS_PER_CONSUMER("metrics.per_consumer", Kind.BOOLEAN, "false", "kong-plugin naming: the consumer label holds the username, as the plugin's per_consumer"),
    METRICS_LATENCY_BUCKETS("metrics.latency_buckets", Kind.LIST, "", "histogram bucket bounds in seconds (default: Kong's)"),
    METRICS_MAX_SERIES("metrics.max_series", Kind.SCALAR, "20000", "series per traffic metric"),
    METRICS_MAX_LABEL_VALUES("metrics.max_label_values", Kind.SCALAR, "10000", "distinct values per label"),
    METRICS_MAX_LABEL_LENGTH("metrics.max_label_length", Kind.SCALAR, "256", "bytes (UTF-8) of a label value taken from an entry; longer ones are truncated"),
    METRICS_MAX_SAMPLES("metrics.max_samples", Kind.SCALAR, "150000", "samples (lines of a text scrape, histogram buckets included) of all traffic metrics together"),
    METRICS_LATENCY_LABELS("metrics.latency_labels", Kind.SCALAR, "route", "route or service: the labels of the latency histograms (service: route is \"\", a fraction of the samples)"),
    METRICS_SERIES_TTL("metrics.series_ttl", Kind.SCALAR, "1h", "idle series are removed after this"),
    LOG_LEVEL("log.level", Kind.SCALAR, "info", "debug, info, warn or error (libraries log warn and above only)"),
    LOG_FORMAT("log.format", Kind.SCALAR, "logfmt", "logfmt or json: one line an event on stderr"),
    LIVE_MAX_CLIENTS("live.max_clients", Kind.SCALAR, "1000", "SSE subscribers at once"),
    LIVE_STREAM_PATHS("live.stream_paths", Kind.LIST, "/status,/upstreams/{name}/health,/clustering/data-planes",
            "Admin API paths /stream may poll"),
    LIVE_KAFKA_TOPIC("live.kafka_topic", Kind.SCALAR, "", "Kafka topic the replicas share their per-second traffic on, so /live and /events show the fleet (needs ingest.kafka)");

    static final String ENV_PREFIX = "KONG_EXPORTER_";

    /** How a key's value is read: a list may be given by repeated flags; a boolean flag may stand alone; a secret is never printed. */
    public enum Kind { SCALAR, LIST, BOOLEAN, SECRET }

    private final String path;
    private final Kind kind;
    private final String defaultText;
    private final String description;

    ConfigKey(String path, Kind kind, String defaultText, String description) {
        this.path = path;
        this.kind = kind;
        this.defaultText = defaultText;
        this.description = description;
    }

    public String path() {
        return path;
    }

    public Kind kind() {
        return kind;
    }

    /** The default as it would be written in the file, env or a flag; empty when the key has none. */
    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
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
