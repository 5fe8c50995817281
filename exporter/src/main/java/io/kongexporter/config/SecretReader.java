package io.kongexporter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads secrets (tokens, passwords, header values) for every place that takes one: a value, a {@code ${NAME}}
 * reference to an environment variable, or a file (which may end with one line break). A secret goes into an
 * HTTP header or is compared with one, so a control character in it is an error; errors name the key and where
 * the value came from, never the value.
 */
final class SecretReader {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, String> env;

    SecretReader(Map<String, String> env) {
        this.env = env;
    }

    /** A secret from its key ({@code ${ENV}} allowed) or its file key; not both. */
    Optional<String> of(RawValues raw, ConfigKey key, ConfigKey fileKey) throws ConfigException {
        Optional<String> value = raw.optional(key);
        Optional<String> file = raw.optional(fileKey);
        if (value.isPresent() && file.isPresent()) {
            throw new ConfigException("set " + raw.label(key) + " or " + raw.label(fileKey) + ", not both");
        }
        if (file.isPresent()) {
            return Optional.of(file(raw.label(fileKey), file.get()));
        }
        return value.isPresent() ? Optional.of(value(raw.label(key), value.get())) : Optional.empty();
    }

    /** A secret value; {@code ${NAME}} takes it from the environment variable NAME. */
    String value(String key, String text) throws ConfigException {
        Matcher ref = REFERENCE.matcher(text);
        if (ref.matches()) {
            String fromEnv = env.get(ref.group(1));
            if (fromEnv == null) {
                throw ConfigException.invalid(key, text, "environment variable " + ref.group(1) + " is not set");
            }
            return checked(key, fromEnv, "the value of environment variable " + ref.group(1));
        }
        return checked(key, text, "the value");
    }

    /** The content of a secret file, without the one line break it may end with. */
    String file(String key, String file) throws ConfigException {
        String content;
        try {
            content = Files.readString(Path.of(file.trim()));
        } catch (IOException | RuntimeException e) {
            throw ConfigException.invalid(key, file, "cannot read the file: " + e.getMessage());
        }
        if (content.endsWith("\r\n")) {
            content = content.substring(0, content.length() - 2);
        } else if (content.endsWith("\n")) {
            content = content.substring(0, content.length() - 1);
        }
        return checked(key, content, "the file " + file);
    }

    private static String checked(String key, String secret, String what) throws ConfigException {
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (c < 0x20 || c == 0x7f || c > 0xff) {
                throw new ConfigException("invalid value for " + quoted(key) + ": " + what + " holds "
                        + (c == '\n' || c == '\r' ? "a line break" : c > 0xff ? "a character outside Latin-1" : "a control character")
                        + " at position " + i + " (a secret goes into an HTTP header; the value is not shown)");
            }
        }
        return secret;
    }

    private static String quoted(String key) {
        return key.startsWith("'") ? key : "'" + key + "'";
    }
}
