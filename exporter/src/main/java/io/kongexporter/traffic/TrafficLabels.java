package io.kongexporter.traffic;

import io.kongexporter.config.MetricsConfig;
import io.kongexporter.ingest.LogEntry;

/**
 * Label values of an entry, with the fallbacks Kong's own plugin uses: service = name, else host (else the 0.x
 * api name); route = name, else id; workspace = workspace_name, else "default" (Kong before 3.7 has only the
 * default workspace in OSS); source = "service" when the upstream answered, else "kong".
 */
public final class TrafficLabels {
    private static final String[] CODES = new String[1000];

    static {
        for (int i = 0; i < CODES.length; i++) {
            CODES[i] = Integer.toString(i);
        }
    }

    private TrafficLabels() {}

    public static String service(LogEntry e) {
        return first(e.serviceName(), e.serviceHost(), e.apiName());
    }

    static String route(LogEntry e) {
        return first(e.routeName(), e.routeId(), null);
    }

    static String workspace(LogEntry e) {
        return e.workspaceName() == null ? "default" : e.workspaceName();
    }

    static String code(int status) {
        return status >= 0 && status < CODES.length ? CODES[status] : Integer.toString(status);
    }

    /** Kong's {@code source} field where present (3.6+); before, proxied means the upstream answered. */
    public static String source(LogEntry e) {
        if (e.source() != null) {
            return e.source().equals("upstream") || e.source().equals("service") ? "service" : "kong";
        }
        return e.latencyProxy() >= 0 ? "service" : "kong";
    }

    /** The consumer as configured; null for anonymous traffic or {@code consumer_label: none}. */
    static String consumer(LogEntry e, MetricsConfig.ConsumerLabel mode) {
        return switch (mode) {
            case USERNAME -> orNull(first(e.consumerUsername(), e.consumerCustomId(), e.consumerId()));
            case CUSTOM_ID -> orNull(first(e.consumerCustomId(), e.consumerId(), null));
            case ID -> orNull(first(e.consumerId(), null, null));
            case NONE -> null;
        };
    }

    private static String first(String a, String b, String c) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        if (b != null && !b.isEmpty()) {
            return b;
        }
        return c == null ? "" : c;
    }

    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
