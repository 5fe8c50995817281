package io.kongexporter.config;

import java.util.Locale;

/**
 * The {@code log:} section: how much the exporter logs and in which line format (both apply live on reload).
 *
 * @param level the exporter's own loggers log at this level and above; libraries' loggers at {@code warn} and above
 *        whatever the level (their per-call debug lines, Resilience4j's for one, would drown the exporter's)
 * @param format {@code logfmt} ({@code time=... level=info logger=... msg="..."}) or {@code json}, one line an event
 */
public record LogConfig(Level level, Format format) {
    public enum Level {
        DEBUG, INFO, WARN, ERROR;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Format {
        LOGFMT, JSON;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static LogConfig defaults() {
        return new LogConfig(Level.INFO, Format.LOGFMT);
    }
}
