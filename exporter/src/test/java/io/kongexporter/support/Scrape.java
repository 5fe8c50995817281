package io.kongexporter.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A parsed Prometheus text-format scrape: samples with their labels, for assertions that read as sentences. */
public final class Scrape {
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final String text;
    private final List<Sample> samples = new ArrayList<>();

    public Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            samples.add(parseLine(line));
        }
    }

    public String text() {
        return text;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The value of the one sample of {@code name} whose labels include all of {@code labelPairs}. */
    public Optional<Double> value(String name, String... labelPairs) {
        List<Sample> found = find(name, labelPairs);
        if (found.size() > 1) {
            throw new AssertionError("more than one sample of " + name + " " + List.of(labelPairs) + ": " + found);
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).value());
    }

    public List<Sample> find(String name, String... labelPairs) {
        List<Sample> found = new ArrayList<>();
        for (Sample s : samples) {
            if (!s.name().equals(name)) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) {
                    match = false;
                    break;
                }
            }
            if (match) {
                found.add(s);
            }
        }
        return found;
    }

    public java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    private static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        String name;
        Map<String, String> labels = new TreeMap<>();
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int close = line.lastIndexOf('}');
            parseLabels(line.substring(brace + 1, close), labels);
            space = line.indexOf(' ', close);
        } else {
            name = line.substring(0, line.indexOf(' '));
            space = line.indexOf(' ');
        }
        String rest = line.substring(space + 1).trim();
        String number = rest.split(" ")[0];
        return new Sample(name, labels, Double.parseDouble(number.replace("+Inf", "Infinity").replace("-Inf", "-Infinity")));
    }

    private static void parseLabels(String body, Map<String, String> out) {
        int i = 0;
        while (i < body.length()) {
            int eq = body.indexOf('=', i);
            String key = body.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (body.charAt(j) != '"') {
                char c = body.charAt(j);
                if (c == '\\') {
                    char n = body.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
                j++;
            }
            out.put(key, value.toString());
            i = j + 1;
            if (i < body.length() && body.charAt(i) == ',') {
                i++;
            }
        }
    }

    public static Map<String, String> labels(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
