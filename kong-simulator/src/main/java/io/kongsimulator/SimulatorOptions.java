package io.kongsimulator;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code kong-simulator.jar}. Flags are {@code --name=VALUE} or {@code --name VALUE}; everything
 * after {@code --run-exporter JAR} is passed to the exporter.
 *
 * @param firstPort     the three nodes listen on 127.0.0.1 ports {@code firstPort} to {@code firstPort + 2}, the data plane's
 *                      Status API on {@code firstPort + 3} (0: free ports)
 * @param logsUrl       where the simulated http-log traffic is posted (the exporter's {@code ingest.path})
 * @param token         sent as {@code Authorization: Bearer <token>} (the exporter's {@code ingest.token})
 * @param exporterJar   {@code kong-exporter.jar} to run as a child process with {@code --demo}, if any
 * @param exporterFlags the exporter's extra flags
 */
public record SimulatorOptions(int firstPort, URI logsUrl, Optional<String> token, double entriesPerSecond, int batchSize,
                               Optional<Path> exporterJar, List<String> exporterFlags, boolean help) {

    /** Where the exporter's {@code --demo} expects the nodes: 127.0.0.1:18001, :18002 and :18003. */
    public static final int DEFAULT_FIRST_PORT = 18001;
    public static final URI DEFAULT_LOGS_URL = URI.create("http://127.0.0.1:9542/logs");

    public static final String USAGE = """
            usage: java -jar kong-simulator.jar [--first-port=18001] [--logs-url=URL] [--token=TOKEN]
                                                [--entries-per-second=40] [--batch-size=50]
                                                [--run-exporter JAR [exporter flags...]]
              Starts three simulated Kong nodes (demo-kong-1..3: real HTTP servers serving evolving Kong 2.8 and 3.9
              Admin API bodies; demo-kong-3 goes down for 20 s every 2 minutes) and posts their http-log traffic;
              beside them demo-kong-4, a 3.9 data plane serving only its Status API (/status, /status/ready).
              --first-port N        the nodes listen on 127.0.0.1:N, N+1 and N+2, the data plane on N+3 (default
                                    18001, where the exporter's --demo polls the first three; 0 picks free ports)
              --logs-url URL        where the traffic is posted (default http://127.0.0.1:9542/logs)
              --token TOKEN         Authorization: Bearer TOKEN on every post (the exporter's ingest.token)
              --entries-per-second  average http-log entries per second (default 40)
              --batch-size N        most entries per post, as Kong's queue.max_batch_size (default 50)
              --run-exporter JAR    also run JAR (kong-exporter.jar) with --demo and the flags that follow, as a
                                    child process ended with the simulator
              --help                this text
            """;

    public SimulatorOptions {
        exporterFlags = List.copyOf(exporterFlags);
    }

    /** Parses the command line; a bad flag or value is an {@link IllegalArgumentException} naming it. */
    public static SimulatorOptions parse(String... args) {
        int firstPort = DEFAULT_FIRST_PORT;
        URI logsUrl = DEFAULT_LOGS_URL;
        Optional<String> token = Optional.empty();
        double entriesPerSecond = TrafficGenerator.DEFAULT_ENTRIES_PER_SECOND;
        int batchSize = TrafficGenerator.DEFAULT_BATCH_SIZE;
        Optional<Path> exporterJar = Optional.empty();
        List<String> exporterFlags = List.of();
        boolean help = false;
        for (int i = 0; i < args.length && exporterJar.isEmpty(); i++) {
            int equals = args[i].indexOf('=');
            String name = equals < 0 ? args[i] : args[i].substring(0, equals);
            if (name.equals("--help") || name.equals("-h")) {
                help = true;
                continue;
            }
            if (equals < 0 && i + 1 == args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = equals < 0 ? args[++i] : args[i].substring(equals + 1);
            switch (name) {
                case "--first-port" -> firstPort = integer(name, value, 0, 65_532);
                case "--logs-url" -> logsUrl = url(name, value);
                case "--token" -> token = Optional.of(value).filter(t -> !t.isEmpty());
                case "--entries-per-second" -> entriesPerSecond = positive(name, value);
                case "--batch-size" -> batchSize = integer(name, value, 1, 100_000);
                case "--run-exporter" -> {
                    exporterJar = Optional.of(Path.of(value));
                    exporterFlags = Arrays.asList(args).subList(i + 1, args.length);
                }
                default -> throw new IllegalArgumentException("unknown flag " + name + " (see --help)");
            }
        }
        return new SimulatorOptions(firstPort, logsUrl, token, entriesPerSecond, batchSize, exporterJar, exporterFlags, help);
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be an integer from " + min + " to " + max + ", got \"" + value + "\"");
    }

    private static double positive(String name, String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed > 0 && Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive number, got \"" + value + "\"");
    }

    private static URI url(String name, String value) {
        try {
            URI uri = URI.create(value.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be an http(s) URL, got \"" + value + "\"");
    }
}
