package io.kongexporter.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed command line: {@code [--config FILE] [--demo] [--config.check] [--<key> VALUE]...}.
 * Every configuration key has a flag twin ({@code --kong.poll_interval=5s}); flags win over env and file.
 * A flag given twice is an error, except a list key's, whose values add up; a boolean flag alone means true
 * and takes the next argument only when it is {@code true} or {@code false}.
 */
public record CommandLine(
        Optional<Path> configFile,
        boolean demo,
        boolean configCheck,
        boolean help,
        boolean version,
        Map<ConfigKey, String> overrides) {

    private static final String USAGE = """
            usage: java -jar kong-exporter.jar [--config FILE] [--demo] [--config.check] [--<key>=VALUE]...

              --config FILE        YAML configuration file
              --demo               also start three simulated Kong nodes on loopback and poll them
              --config.check       validate the configuration and exit (0 = valid, 2 = invalid)
              --<key>=VALUE        set any configuration key below, e.g. --listen=:9542 --kong.poll_interval=5s;
                                   a list key may be given several times and its values add up
              -v, --version        print the version and exit
              -h, --help           print this help and exit

            Every key can also come from its environment variable. Precedence: flags, then environment, then
            file, then defaults. Durations: 500ms, 5s, 1m30s; sizes: 512KiB, 16MiB.

            """;

    public CommandLine {
        overrides = Map.copyOf(overrides);
    }

    /** The usage and every key with its flag, environment variable, default and meaning. */
    public static String helpText() {
        StringBuilder out = new StringBuilder(USAGE);
        String format = "  %-28s %-40s %-10s %s%n";
        out.append(String.format(format, "FLAG", "ENVIRONMENT", "DEFAULT", "MEANING"));
        for (ConfigKey key : ConfigKey.values()) {
            String defaultText = key.defaultText().isEmpty() ? "-" : key.defaultText();
            if (defaultText.length() > 10) {
                out.append(String.format(format, key.flag(), key.envName(), "", key.description()));
                out.append(String.format("  %-28s %-40s default %s%n", "", "", defaultText));
            } else {
                out.append(String.format(format, key.flag(), key.envName(), defaultText, key.description()));
            }
        }
        return out.toString();
    }

    public static CommandLine parse(String... args) throws ConfigException {
        Path config = null;
        boolean demo = false;
        boolean check = false;
        boolean help = false;
        boolean version = false;
        Map<ConfigKey, String> overrides = new EnumMap<>(ConfigKey.class);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("-v")) {
                arg = arg.equals("-h") ? "--help" : "--version";
            } else if (!arg.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + ConfigException.Quoted.shorten(arg) + "' (flags start with --; see --help)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String inlineValue = eq < 0 ? null : arg.substring(eq + 1);
            String canonical = name.equals("--web.listen-address") ? "--listen" : name.equals("--config.file") ? "--config" : name;
            ConfigKey key = ConfigKey.byPath(canonical.substring(2)).orElse(null);
            if (!seen.add(canonical) && (key == null || key.kind() != ConfigKey.Kind.LIST)) {
                throw new ConfigException("flag '" + name + "' is given more than once" + (name.equals(canonical) ? "" : " (as " + canonical + ")"));
            }
            switch (canonical) {
                case "--demo" -> demo = flagBoolean(name, inlineValue);
                case "--config.check" -> check = flagBoolean(name, inlineValue);
                case "--help" -> help = true;
                case "--version" -> version = true;
                case "--config" -> config = Path.of(inlineValue != null ? inlineValue : valueAfter(args, i++, name));
                default -> {
                    if (key == null) {
                        throw new ConfigException("unknown flag '" + ConfigException.Quoted.shorten(name) + "'"
                                + NearestName.suggestion(name, flags()) + " (see --help)");
                    }
                    String value;
                    if (inlineValue != null) {
                        value = inlineValue;
                    } else if (key.kind() == ConfigKey.Kind.BOOLEAN) {
                        boolean explicit = i + 1 < args.length && (args[i + 1].equalsIgnoreCase("true") || args[i + 1].equalsIgnoreCase("false"));
                        value = explicit ? args[++i] : "true";
                    } else {
                        value = valueAfter(args, i++, name);
                    }
                    overrides.merge(key, value, (before, added) -> before + "," + added);
                }
            }
        }
        return new CommandLine(Optional.ofNullable(config), demo, check, help, version, overrides);
    }

    private static List<String> flags() {
        List<String> flags = new ArrayList<>(List.of("--config", "--demo", "--config.check", "--help", "--version"));
        for (ConfigKey key : ConfigKey.values()) {
            flags.add(key.flag());
        }
        return flags;
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
