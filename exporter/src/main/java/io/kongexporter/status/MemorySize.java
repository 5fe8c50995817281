package io.kongexporter.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kong's memory values: integer bytes with {@code ?unit=b}, else strings like {@code "12.00 MiB"}. */
final class MemorySize {
    private static final Pattern TEXT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)\\s*");

    private MemorySize() {}

    static long bytes(JsonNode value, String where) throws KongParseException {
        if (value != null && value.isNumber() && value.asDouble() >= 0) {
            return value.asLong();
        }
        if (value != null && value.isTextual()) {
            Matcher m = TEXT.matcher(value.asText());
            if (m.matches()) {
                double amount = Double.parseDouble(m.group(1));
                long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "", "b" -> 1L;
                    case "k", "kb", "kib" -> 1L << 10;
                    case "m", "mb", "mib" -> 1L << 20;
                    case "g", "gb", "gib" -> 1L << 30;
                    default -> -1L;
                };
                if (unit > 0) {
                    return Math.round(amount * unit);
                }
            }
        }
        throw new KongParseException(where + ": expected bytes or a size like \"12.00 MiB\", got "
                + (value == null ? "nothing" : abbreviated(value.toString())));
    }

    private static String abbreviated(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
