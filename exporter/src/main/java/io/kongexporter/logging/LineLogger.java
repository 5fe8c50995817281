package io.kongexporter.logging;

import io.kongexporter.config.LogConfig;
import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger writing one {@link LogLine} per event to {@link LogSettings}' stream. The exporter's own loggers
 * ({@code io.kongexporter.*}) log at {@code log.level}; libraries' at {@code warn} or above, and Javalin's at
 * {@code error} (its warnings are the recycled responses of SSE subscribers that went away; handler errors are
 * logged by the web server), and the Kafka client's at {@code error} (it warns at every reconnect attempt while a
 * broker is down; the exporter logs the outage once and reports it in {@code kong_exporter_kafka_up}). A stack trace is written only at {@code debug}: at other levels an exception is its
 * class and message in {@code err}.
 */
final class LineLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;

    private final LogConfig.Level floor;

    LineLogger(String name) {
        this.name = name;
        this.floor = name.startsWith("io.kongexporter.") || name.startsWith("io.kongsimulator.") ? LogConfig.Level.DEBUG
                : name.startsWith("io.javalin") || name.startsWith("org.apache.kafka") ? LogConfig.Level.ERROR : LogConfig.Level.WARN;
    }

    /** The logger's own floor first: libraries ask for debug on every request (Jetty), and that answer is final. */
    private boolean enabled(LogConfig.Level level) {
        return level.ordinal() >= floor.ordinal() && level.ordinal() >= LogSettings.current().level().ordinal();
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(LogConfig.Level.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(LogConfig.Level.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(LogConfig.Level.WARN);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(LogConfig.Level.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        LogConfig settings = LogSettings.current();
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        String line = new LogLine(Instant.now(), levelOf(level), shortName(), message == null ? "" : message,
                throwable, settings.level() == LogConfig.Level.DEBUG).render(settings.format());
        LogSettings.out().println(line);
    }

    private static LogConfig.Level levelOf(Level level) {
        return switch (level) {
            case TRACE, DEBUG -> LogConfig.Level.DEBUG;
            case INFO -> LogConfig.Level.INFO;
            case WARN -> LogConfig.Level.WARN;
            case ERROR -> LogConfig.Level.ERROR;
        };
    }

    /** The class name without its package for the exporter's loggers, the full name for libraries'. */
    private String shortName() {
        return name.startsWith("io.kongexporter.") ? name.substring(name.lastIndexOf('.') + 1) : name;
    }
}
