package io.kongexporter.config;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed command line: {@code [--config FILE] [--demo] [--config.check] [--<key> VALUE]...}.
 * Every configuration key has a flag twin ({@code --kong.poll_interval=5s}); flags win over env and file.
 */
public record CommandLine(
        Optional<Path> configFile,
        boolean demo,
        boolean configCheck,
        boolean help,
        boolean version,
        Map<ConfigKey, String> overrides) {

    public static final String USAGE = """
            usage: java -jar kong-exporter.jar [--config FILE] [--demo] [--config.check] [--<key>=VALUE]...

              --config FILE        YAML configuration file
              --demo               also start three simulated Kong nodes on loopback and poll them
              --config.check       validate the configuration and exit (0 = valid, 2 = invalid)
              --<key>=VALUE        set any configuration key, e.g. --listen=:9542 --kong.poll_interval=5s
                                   (--web.listen-address is accepted as an alias of --listen)
              --version            print the version and exit
              --help               print this help and exit

            Every key can also come from an environment variable KONG_EXPORTER_<KEY>, e.g.
            KONG_EXPORTER_LISTEN=:9542, KONG_EXPORTER_KONG_NODES=kong-1=http://10.0.0.5:8001,kong-2=http://10.0.0.6:8001
            Precedence: flags, then environment, then file, then defaults.
            """;

    public CommandLine {
        overrides = Map.copyOf(overrides);
    }

    public static CommandLine parse(String... args) throws ConfigException {
        Path config = null;
        boolean demo = false;
        boolean check = false;
        boolean help = false;
        boolean version = false;
        Map<ConfigKey, String> overrides = new EnumMap<>(ConfigKey.class);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + ConfigException.Quoted.shorten(arg) + "' (flags start with --; see --help)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String inlineValue = eq < 0 ? null : arg.substring(eq + 1);
            switch (name) {
                case "--demo" -> demo = flagBoolean(name, inlineValue);
                case "--config.check" -> check = flagBoolean(name, inlineValue);
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--config", "--config.file" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    config = Path.of(value);
                }
                default -> {
                    String path = name.equals("--web.listen-address") ? "listen" : name.substring(2);
                    ConfigKey key = ConfigKey.byPath(path)
                            .orElseThrow(() -> new ConfigException("unknown flag '" + ConfigException.Quoted.shorten(name) + "' (see --help)"));
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    overrides.put(key, value);
                }
            }
        }
        return new CommandLine(Optional.ofNullable(config), demo, check, help, version, overrides);
    }

    private static boolean flagBoolean(String name, String inlineValue) throws ConfigException {
        if (inlineValue == null || inlineValue.equalsIgnoreCase("true")) {
            return true;
        }
        if (inlineValue.equalsIgnoreCase("false")) {
            return false;
        }
        throw ConfigException.invalid(name, inlineValue, "expected true or false");
    }

    private static String valueAfter(String[] args, int index, String name) throws ConfigException {
        if (index + 1 >= args.length) {
            throw new ConfigException("flag '" + name + "' needs a value");
        }
        return args[index + 1];
    }
}
