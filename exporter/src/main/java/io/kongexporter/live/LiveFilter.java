package io.kongexporter.live;

import java.util.Set;

/**
 * What one subscriber asked for: {@code ?topics=status,traffic,cluster,alerts} (default all), {@code ?node=}
 * (status of that node only) and {@code ?service=} (traffic of that service only, instead of the aggregate).
 */
public record LiveFilter(Set<String> topics, String node, String service) {
    public static final Set<String> ALL_TOPICS = Set.of("status", "traffic", "cluster", "alerts");

    boolean accepts(LiveEvent event) {
        if (!topics.contains(event.topic())) {
            return false;
        }
        if (node != null && event.node() != null && !node.equals(event.node())) {
            return false;
        }
        if (event.topic().equals("traffic")) {
            return service == null ? event.service() == null : service.equals(event.service());
        }
        return true;
    }
}
