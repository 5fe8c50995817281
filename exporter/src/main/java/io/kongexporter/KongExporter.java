package io.kongexporter;

import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigException;
import io.kongexporter.config.ConfigLoader;
import io.kongexporter.config.ExporterConfig;
import io.kongexporter.logging.LogSettings;
import io.kongexporter.metrics.BuildInfo;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar kong-exporter.jar [--config FILE] [--demo] [--config.check]}. Exit code 2 on a bad configuration. */
public final class KongExporter {
    private KongExporter() {}

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Returns an exit code, or -1 when the exporter is running and the process must stay alive. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        ExporterConfig config;
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
            if (commandLine.help()) {
                out.print(CommandLine.helpText());
                return 0;
            }
            if (commandLine.version()) {
                out.print(BuildInfo.fromBuild().versionText());
                return 0;
            }
            config = ConfigLoader.load(env, commandLine);
        } catch (ConfigException e) {
            err.println("kong-exporter: configuration error: " + e.getMessage());
            return 2;
        }
        if (commandLine.configCheck()) {
            out.println("configuration OK: listen " + config.listen() + ", " + config.kong().nodes().size() + " Kong node(s)"
                    + (commandLine.demo() ? " (+3 simulated with --demo)" : ""));
            return 0;
        }
        LogSettings.apply(config.log());
        Logger log = LoggerFactory.getLogger(KongExporter.class);
        CommandLine flags = commandLine;
        UnaryOperator<ExporterConfig> demo = commandLine.demo() ? LoopbackNodes::addTo : UnaryOperator.identity();
        ExporterApp app;
        try {
            app = ExporterApp.start(demo.apply(config), ExporterApp.SSE_HEARTBEAT_MILLIS, () -> demo.apply(ConfigLoader.load(env, flags)));
        } catch (RuntimeException e) {
            // an expected failure (the port is taken, a certificate file unreadable): one line, no stack trace
            log.error("cannot start: {}", rootCause(e));
            return 1;
        }
        reloadOnSighup(app, log);
        log.info("kong-exporter {} listening on {}:{}, polling {} node(s) every {}", BuildInfo.fromBuild().version(),
                config.listen().host(), app.port(), app.polling().snapshots().size(), config.kong().pollInterval().toString().substring(2).toLowerCase());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        return -1;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return root == e ? message : message + " (" + root + ")";
    }

    /** SIGHUP re-reads the configuration, like {@code POST /-/reload}. */
    private static void reloadOnSighup(ExporterApp app, Logger log) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> app.reload());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("SIGHUP is not available here ({}); use POST /-/reload", e.getMessage());
        }
    }
}
