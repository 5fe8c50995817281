package io.kongsimulator;

import java.util.Locale;

/**
 * The {@code ?unit=} of {@code GET /status}, as Kong's {@code bytes_to_str}: bytes as integers,
 * anything else as a {@code "%.2f MiB"}-style string. Absent means MiB, like Kong.
 */
enum MemoryUnit {
    BYTES(1, null), KIB(1L << 10, "KiB"), MIB(1L << 20, "MiB"), GIB(1L << 30, "GiB");

    private final long divisor;
    private final String suffix;

    MemoryUnit(long divisor, String suffix) {
        this.divisor = divisor;
        this.suffix = suffix;
    }

    /** The unit for a query value; {@code null} (no parameter) is MiB. */
    static MemoryUnit parse(String value) {
        if (value == null) {
            return MIB;
        }
        return switch (value) {
            case "b", "B" -> BYTES;
            case "k", "K" -> KIB;
            case "m", "M" -> MIB;
            case "g", "G" -> GIB;
            default -> throw new AdminApiException(400,
                    "invalid unit '" + value + "' (expected 'k/K', 'm/M', or 'g/G')");
        };
    }

    boolean isBytes() {
        return this == BYTES;
    }

    /** The string Kong sends for {@code bytes} in this unit; only for units other than bytes. */
    String format(long bytes) {
        return String.format(Locale.ROOT, "%.2f %s", (double) bytes / divisor, suffix);
    }
}
