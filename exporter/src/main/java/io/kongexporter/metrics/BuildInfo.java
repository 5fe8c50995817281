package io.kongexporter.metrics;

import java.io.IOException;
import java.util.jar.Manifest;

/** The exporter's version, from the jar manifest ("dev" when run from classes). */
public record BuildInfo(String version, String buildTime) {
    public static BuildInfo fromManifest() {
        Package pkg = BuildInfo.class.getPackage();
        String version = pkg == null ? null : pkg.getImplementationVersion();
        String time = null;
        try (var in = BuildInfo.class.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (in != null && version != null) {
                time = new Manifest(in).getMainAttributes().getValue("Build-Time");
            }
        } catch (IOException ignored) {
            // the build time is informational only
        }
        return new BuildInfo(version == null ? "dev" : version, time == null ? "" : time);
    }
}
