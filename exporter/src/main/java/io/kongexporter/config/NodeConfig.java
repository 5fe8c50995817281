package io.kongexporter.config;

import java.net.URI;

/**
 * One Kong node to poll: its Admin API or Status API base URL, the name used as the {@code node} label, and how
 * to authenticate to it.
 */
public record NodeConfig(String name, URI url, NodeAuth auth) {
    public NodeConfig(String name, URI url) {
        this(name, url, NodeAuth.NONE);
    }

    /** The URL of {@code path} (which starts with '/') on this node, keeping any base path of the configured URL. */
    public URI resolve(String path) {
        String base = url.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }
}
