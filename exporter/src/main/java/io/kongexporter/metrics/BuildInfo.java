package io.kongexporter.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build wrote about itself (version, git revision and branch, build date; {@code build-info.properties},
 * filtered by the build and also copied into the jar manifest) and the Java version the exporter runs on.
 * A value the build could not know (no git checkout, classes not built by Maven) reads {@code unknown}.
 */
public record BuildInfo(String version, String revision, String branch, String buildDate, String javaVersion) {
    static final String UNKNOWN = "unknown";
    private static final String RESOURCE = "/io/kongexporter/build-info.properties";

    public static BuildInfo fromBuild() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(known(properties, "version"), known(properties, "revision"), known(properties, "branch"),
                known(properties, "build_date"), System.getProperty("java.version", UNKNOWN));
    }

    /** {@code --version}'s text, as Prometheus' exporters print theirs. */
    public String versionText() {
        return String.format("kong-exporter, version %s (branch: %s, revision: %s)%n  build date:       %s%n"
                        + "  java version:     %s%n  platform:         %s/%s%n", version, branch, revision, buildDate, javaVersion,
                System.getProperty("os.name", UNKNOWN).toLowerCase(java.util.Locale.ROOT), System.getProperty("os.arch", UNKNOWN));
    }

    /** A property left unfiltered (a {@code ${...}} placeholder) or empty is unknown. */
    private static String known(Properties properties, String name) {
        String value = properties.getProperty(name, "").trim();
        return value.isEmpty() || value.startsWith("${") ? UNKNOWN : value;
    }
}
