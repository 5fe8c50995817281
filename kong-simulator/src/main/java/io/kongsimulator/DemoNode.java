package io.kongsimulator;

import java.net.URI;

/** A simulated Kong node as the exporter should poll it: its name and the base URL of its Admin API (or Status API). */
public record DemoNode(String name, URI url) {
}
