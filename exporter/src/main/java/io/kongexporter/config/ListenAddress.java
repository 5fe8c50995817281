package io.kongexporter.config;

/** {@code host:port} the exporter listens on; port 0 picks a free port. */
public record ListenAddress(String host, int port) {
    static ListenAddress parse(String key, String text) throws ConfigException {
        String value = text.trim();
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw ConfigException.invalid(key, text, "expected host:port, e.g. 0.0.0.0:9542 or :9542");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(key, text, "port must be a number from 0 to 65535");
        }
        if (port < 0 || port > 65535) {
            throw ConfigException.invalid(key, text, "port must be a number from 0 to 65535");
        }
        return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
