package io.kongexporter.config;

/** A configuration error that names the key and the bad value; the exporter exits with code 2. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    static ConfigException invalid(String key, String value, String expected) {
        return new ConfigException("invalid value for " + quoteKey(key) + ": '" + Quoted.shorten(value) + "' (" + expected + ")");
    }

    /** Keys arrive bare ({@code kong.timeout}) or already described with their origin ({@code 'x' (from ...)}). */
    private static String quoteKey(String key) {
        return key.startsWith("'") ? key : "'" + key + "'";
    }

    static ConfigException unknownKey(String key, String source) {
        return new ConfigException("unknown key '" + key + "' in " + source);
    }

    /** With the nearest known name, if one is close: {@code unknown key 'kong.poll_intervall' in x.yml; did you mean 'kong.poll_interval'?}. */
    static ConfigException unknownKey(String key, String source, String typo, java.util.Collection<String> known) {
        return new ConfigException("unknown key '" + key + "' in " + source + NearestName.suggestion(typo, known));
    }

    /** Keeps messages readable when a value is long. */
    static final class Quoted {
        private Quoted() {}

        static String shorten(String value) {
            if (value == null) {
                return "null";
            }
            String oneLine = value.replaceAll("[\\r\\n\\t]", " ");
            return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
        }
    }
}
