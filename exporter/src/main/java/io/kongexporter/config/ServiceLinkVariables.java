package io.kongexporter.config;

import java.util.regex.Pattern;

/**
 * The variables Kubernetes injects into every pod for a Service named {@code kong-exporter} (service links,
 * kubernetes/kubernetes pkg/kubelet/envvars/envvars.go): {@code KONG_EXPORTER_SERVICE_HOST},
 * {@code KONG_EXPORTER_SERVICE_PORT[_<PORT NAME>]}, {@code KONG_EXPORTER_PORT} and
 * {@code KONG_EXPORTER_PORT_<port>_<TCP|UDP|SCTP>[_PROTO|_PORT|_ADDR]}. They share the exporter's prefix but are
 * not configuration; a name of that shape with a value Kubernetes would never set is still an error.
 */
final class ServiceLinkVariables {
    private static final String IP = "[0-9A-Fa-f:.]+";
    private static final String NUMBER = "\\d{1,5}";
    private static final String ADDRESS = "(tcp|udp|sctp)://(" + IP + "|\\[" + IP + "]):" + NUMBER;
    private static final Pattern HOST = Pattern.compile("KONG_EXPORTER_SERVICE_HOST");
    private static final Pattern SERVICE_PORT = Pattern.compile("KONG_EXPORTER_SERVICE_PORT(_[A-Z0-9_]+)?");
    private static final Pattern PORT = Pattern.compile("KONG_EXPORTER_PORT(_" + NUMBER + "_(TCP|UDP|SCTP))?");
    private static final Pattern PORT_PART = Pattern.compile("KONG_EXPORTER_PORT_" + NUMBER + "_(TCP|UDP|SCTP)_(PROTO|PORT|ADDR)");

    private ServiceLinkVariables() {}

    /** True for a service-link variable as Kubernetes sets it. */
    static boolean is(String name, String value) {
        String v = value.trim();
        if (HOST.matcher(name).matches()) {
            return v.matches(IP);
        }
        if (SERVICE_PORT.matcher(name).matches()) {
            return v.matches(NUMBER);
        }
        if (PORT.matcher(name).matches()) {
            return v.matches(ADDRESS);
        }
        var part = PORT_PART.matcher(name);
        if (part.matches()) {
            return switch (part.group(2)) {
                case "PROTO" -> v.matches("tcp|udp|sctp");
                case "PORT" -> v.matches(NUMBER);
                default -> v.matches(IP);
            };
        }
        return false;
    }

    /** True for a name of a service-link shape (whatever its value). */
    static boolean looksLikeOne(String name) {
        return HOST.matcher(name).matches() || SERVICE_PORT.matcher(name).matches() || PORT.matcher(name).matches()
                || PORT_PART.matcher(name).matches();
    }
}
