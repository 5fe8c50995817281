package io.kongsimulator;

import java.net.URI;

/** A simulated Kong node as the exporter should poll it: its name and its Admin API base URL. */
public record DemoNode(String name, URI url) {
}
