package io.kongexporter.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The knobs of {@link AttackBenchmark}, from {@code --name value} or {@code --name=value} arguments. */
record AttackOptions(int minutes, Duration warmup, int honestRate, int honestThreads, int floodRate, Duration bigLabelInterval,
        int slowBodies, Duration slowBytePeriod, Duration webhookInterval, int alertsPerPost, int sseClients) {

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("minutes", "10");                 // attack length
        DEFAULTS.put("warmup", "20");                  // seconds of honest traffic alone first (JIT, honest series exist)
        DEFAULTS.put("honest-rate", "50000");          // honest entries/s (batches of 100, unique ids)
        DEFAULTS.put("honest-threads", "4");           // honest keep-alive connections
        DEFAULTS.put("flood-rate", "2000");            // cardinality flood entries/s (batches of 100, every name new)
        DEFAULTS.put("big-label-ms", "1000");          // one entry with 1 MiB service, route and consumer every this many ms
        DEFAULTS.put("slow-bodies", "500");            // connections trickling a log body
        DEFAULTS.put("slow-byte-seconds", "4");        // one byte per connection every this many seconds
        DEFAULTS.put("webhook-ms", "1000");            // one Alertmanager post every this many ms
        DEFAULTS.put("alerts-per-post", "10");         // alerts per post, each with a new fingerprint, 8 KiB + 20 KiB labels, 256 KiB annotation
        DEFAULTS.put("sse-clients", "1000");           // /events subscribers (the default live.max_clients)
    }

    static AttackOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || !arg.startsWith("--")) {
                throw usage(arg.equals("--help") ? null : "unexpected argument " + arg);
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(2, eq) : arg.substring(2);
            if (!values.containsKey(name)) {
                throw usage("unknown option --" + name);
            }
            if (eq < 0 && i + 1 >= args.length) {
                throw usage("--" + name + " needs a value");
            }
            values.put(name, eq > 0 ? arg.substring(eq + 1) : args[++i]);
        }
        return new AttackOptions(num(values, "minutes"), Duration.ofSeconds(num(values, "warmup")), num(values, "honest-rate"),
                num(values, "honest-threads"), num(values, "flood-rate"), Duration.ofMillis(num(values, "big-label-ms")),
                num(values, "slow-bodies"), Duration.ofSeconds(num(values, "slow-byte-seconds")), Duration.ofMillis(num(values, "webhook-ms")),
                num(values, "alerts-per-post"), num(values, "sse-clients"));
    }

    private static int num(Map<String, String> values, String name) {
        return Integer.parseInt(values.get(name));
    }

    private static IllegalArgumentException usage(String problem) {
        StringBuilder text = new StringBuilder(problem == null ? "" : problem + "\n").append("options (defaults):");
        DEFAULTS.forEach((name, value) -> text.append(" --").append(name).append(' ').append(value));
        return new IllegalArgumentException(text.toString());
    }

    @Override
    public String toString() {
        return String.format("%d min (after %d s of honest traffic alone): honest %,d entries/s on %d connections; cardinality flood %,d entries/s; "
                        + "1 MiB labels every %d ms; %d slow bodies (a byte every %d s); webhook %d alerts every %d ms; %d SSE clients",
                minutes, warmup.toSeconds(), honestRate, honestThreads, floodRate, bigLabelInterval.toMillis(), slowBodies,
                slowBytePeriod.toSeconds(), alertsPerPost, webhookInterval.toMillis(), sseClients);
    }
}
