package io.kongexporter.logging;

import io.kongexporter.config.LogConfig;
import java.io.PrintStream;

/**
 * The level and format every logger writes with, changed in place on reload (the loggers read them on each call),
 * and where the lines go (stderr as it is at each call; a test may redirect them).
 */
public final class LogSettings {
    private static volatile LogConfig config = LogConfig.defaults();
    private static volatile PrintStream out;

    private LogSettings() {}

    public static void apply(LogConfig next) {
        config = next;
    }

    public static LogConfig current() {
        return config;
    }

    /** Where lines are written instead of stderr ({@code null}: stderr again); returns the previous one to put back. */
    public static PrintStream redirect(PrintStream next) {
        PrintStream previous = out;
        out = next;
        return previous;
    }

    static PrintStream out() {
        PrintStream redirected = out;
        return redirected != null ? redirected : System.err;
    }
}
