package io.kongexporter.logging;

import io.kongexporter.config.LogConfig;
import java.io.PrintStream;

/**
 * The level and format every logger writes with, changed in place on reload (the loggers read them on each call),
 * and where the lines go (stderr; a test may redirect it).
 */
public final class LogSettings {
    private static volatile LogConfig config = LogConfig.defaults();
    private static volatile PrintStream out = System.err;

    private LogSettings() {}

    public static void apply(LogConfig next) {
        config = next;
    }

    public static LogConfig current() {
        return config;
    }

    /** Where lines are written; returns the previous stream so a test can put it back. */
    public static PrintStream redirect(PrintStream next) {
        PrintStream previous = out;
        out = next;
        return previous;
    }

    static PrintStream out() {
        return out;
    }
}
