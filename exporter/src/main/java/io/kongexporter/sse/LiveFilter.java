package io.kongexporter.sse;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What one subscriber asked for: {@code ?topics=status,traffic,cluster,alerts} (default all), {@code ?node=}
 * (status of that node only) and {@code ?service=} (traffic of that service only, instead of the aggregate).
 */
public record LiveFilter(Set<Topic> topics, Optional<String> node, Optional<String> service) {
    public LiveFilter {
        topics = topics.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(topics));
    }

    public static LiveFilter all() {
        return new LiveFilter(EnumSet.allOf(Topic.class), Optional.empty(), Optional.empty());
    }

    boolean accepts(LiveEvent event) {
        if (event instanceof LiveEvent.Snapshot) {
            return true;
        }
        if (!topics.contains(event.topic())) {
            return false;
        }
        if (node.isPresent() && event.node().isPresent() && !node.equals(event.node())) {
            return false;
        }
        if (event instanceof LiveEvent.Traffic traffic) {
            return service.equals(traffic.service());
        }
        return true;
    }
}
