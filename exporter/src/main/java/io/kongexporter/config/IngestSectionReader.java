package io.kongexporter.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds the {@code ingest:} section: a path of its own, secrets (value, ${ENV} or file), limits, extra labels. */
final class IngestSectionReader {
    /**
     * Label names the traffic metrics set themselves, in either naming ({@code traffic/TrafficRecorder}), and the
     * ones Prometheus gives a meaning ({@code le}, {@code quantile}): an extra label of that name would make every
     * scrape fail with a duplicate label name.
     */
    static final Set<String> BUILT_IN_LABELS = Set.of("service", "route", "code", "source", "workspace", "consumer",
            "direction", "node", "le", "quantile");

    private final RawValues raw;
    private final SecretReader secrets;

    IngestSectionReader(RawValues raw, SecretReader secrets) {
        this.raw = raw;
        this.secrets = secrets;
    }

    IngestConfig read() throws ConfigException {
        String path = path();
        Optional<String> token = secrets.of(raw, ConfigKey.INGEST_TOKEN, ConfigKey.INGEST_TOKEN_FILE);
        Optional<String> basicAuth = secrets.of(raw, ConfigKey.INGEST_BASIC_AUTH, ConfigKey.INGEST_BASIC_AUTH_FILE);
        if (basicAuth.isPresent() && basicAuth.get().indexOf(':') <= 0) {
            ConfigKey key = raw.contains(ConfigKey.INGEST_BASIC_AUTH) ? ConfigKey.INGEST_BASIC_AUTH : ConfigKey.INGEST_BASIC_AUTH_FILE;
            throw ConfigException.invalid(raw.label(key), "<hidden>", "expected user:password");
        }
        long maxBody = raw.contains(ConfigKey.INGEST_MAX_BODY)
                ? ByteSize.parse(raw.label(ConfigKey.INGEST_MAX_BODY), raw.string(ConfigKey.INGEST_MAX_BODY, null))
                : IngestConfig.DEFAULT_MAX_BODY;
        if (maxBody < 1024 || maxBody > (1L << 30)) {
            throw ConfigException.invalid(raw.label(ConfigKey.INGEST_MAX_BODY), Long.toString(maxBody), "must be between 1KiB and 1GiB");
        }
        Duration dedupeWindow = raw.duration(ConfigKey.INGEST_DEDUPE_WINDOW, IngestConfig.DEFAULT_DEDUPE_WINDOW);
        int dedupeMaxIds = raw.integer(ConfigKey.INGEST_DEDUPE_MAX_IDS, IngestConfig.DEFAULT_DEDUPE_MAX_IDS, 60, 100_000_000);
        Duration readTimeout = raw.duration(ConfigKey.INGEST_READ_TIMEOUT, IngestConfig.DEFAULT_READ_TIMEOUT);
        if (readTimeout.compareTo(Duration.ofMillis(100)) < 0 || readTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw ConfigException.invalid(raw.label(ConfigKey.INGEST_READ_TIMEOUT), DurationValue.format(readTimeout), "must be between 100ms and 10m");
        }
        return new IngestConfig(path, token, basicAuth, maxBody, extraLabels(), dedupeWindow, dedupeMaxIds, readTimeout);
    }

    private String path() throws ConfigException {
        String path = raw.string(ConfigKey.INGEST_PATH, "/logs").trim();
        String label = raw.label(ConfigKey.INGEST_PATH);
        if (!path.matches("(/[A-Za-z0-9._~-]+)+/?") || path.matches(".*/\\.\\.?(/.*)?")) {
            throw ConfigException.invalid(label, path, "expected a path like /logs: letters, digits and . _ ~ - in segments, none empty, . or ..");
        }
        String route = ReservedPaths.collision(path);
        if (route != null) {
            throw ConfigException.invalid(label, path, "the exporter serves " + route + " itself; choose a path of its own like /logs");
        }
        return path;
    }

    private List<String> extraLabels() throws ConfigException {
        List<String> labels = raw.list(ConfigKey.INGEST_EXTRA_LABELS);
        Set<String> seen = new HashSet<>();
        for (String name : labels) {
            String label = raw.label(ConfigKey.INGEST_EXTRA_LABELS);
            if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*") || name.startsWith("__")) {
                throw ConfigException.invalid(label, name, "each must be a top-level field name usable as a label name");
            }
            if (BUILT_IN_LABELS.contains(name)) {
                throw ConfigException.invalid(label, name, "the traffic metrics already have a label of that name (built in: "
                        + String.join(", ", new java.util.TreeSet<>(BUILT_IN_LABELS)) + ")");
            }
            if (!seen.add(name)) {
                throw ConfigException.invalid(label, name, "given twice");
            }
        }
        return labels;
    }
}
