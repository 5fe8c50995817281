package io.kongexporter.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A pattern of Kong nodes {@code /probe} may poll besides the configured ones: a host regular expression (matched
 * whole), the allowed ports and the scheme. Nothing else can be probed, so {@code /probe} never reaches arbitrary hosts.
 */
public record ProbeTarget(Pattern host, List<Integer> ports, String scheme) {
    public ProbeTarget {
        ports = List.copyOf(ports);
    }

    public boolean allows(String scheme, String host, int port) {
        return this.scheme.equals(scheme) && ports.contains(port) && this.host.matcher(host).matches();
    }
}
