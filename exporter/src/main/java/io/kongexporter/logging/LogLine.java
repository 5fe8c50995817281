package io.kongexporter.logging;

import io.kongexporter.config.LogConfig;
import java.time.Instant;

/**
 * One event as one line, in logfmt or JSON. Every value is escaped (quotes, backslashes, line breaks and other
 * control characters), so a message carrying a newline or a forged {@code level=} stays inside its own field of
 * its own line: no log injection.
 */
record LogLine(Instant time, LogConfig.Level level, String logger, String message, Throwable error, boolean trace) {
    String render(LogConfig.Format format) {
        StringBuilder line = new StringBuilder(128 + message.length());
        boolean json = format == LogConfig.Format.JSON;
        line.append(json ? "{" : "");
        field(line, json, "time", time.toString());
        field(line, json, "level", level.value());
        field(line, json, "logger", logger);
        field(line, json, "msg", message);
        if (error != null) {
            field(line, json, "err", error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
            if (trace) {
                field(line, json, "stack", stackOf(error));
            }
        }
        return line.append(json ? "}" : "").toString();
    }

    private static void field(StringBuilder line, boolean json, String name, String value) {
        boolean first = line.length() <= 1;
        if (json) {
            line.append(first ? "" : ",").append('"').append(name).append("\":");
            quoted(line, value);
        } else {
            line.append(first ? "" : " ").append(name).append('=');
            if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f)) {
                quoted(line, value);
            } else {
                line.append(value);
            }
        }
    }

    /** A double-quoted string with JSON's escapes (logfmt parsers read the same escapes). */
    private static void quoted(StringBuilder line, String value) {
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < ' ' || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    private static String stackOf(Throwable error) {
        StringBuilder stack = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            stack.append(t == error ? "" : "caused by ").append(t).append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                stack.append("\tat ").append(frame).append('\n');
            }
        }
        return stack.toString();
    }
}
