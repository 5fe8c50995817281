package io.kongexporter.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes like {@code 16MiB}, {@code 512KiB}, {@code 1048576}. */
final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+)\\s*([a-zA-Z]*)\\s*");

    private ByteSize() {}

    static long parse(String key, String text) throws ConfigException {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw ConfigException.invalid(key, text, "expected a size like 16MiB, 512KiB or a number of bytes");
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            default -> throw ConfigException.invalid(key, text, "unknown unit; use B, KiB, MiB or GiB");
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw ConfigException.invalid(key, text, "size is too large");
        }
    }
}
