package io.kongexporter.status.metrics;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * The labels that say which node a sample is about, as a naming spells them for three kinds of family: plain
 * ({@code node_id}), Kong's {@code subsystem="http"} families and its {@code kong_subsystem="http"} families. The
 * default naming uses {@code node} alone for all three.
 */
record NodeLabels(Labels node, Labels subsystem, Labels kongSubsystem) {}
