package io.kongsimulator;

import java.util.List;

/** An upstream (load balancer) with its targets. {@code createdAt} is in epoch seconds. */
record Upstream(String id, String name, long createdAt, List<Target> targets) {

    Upstream {
        targets = List.copyOf(targets);
    }

    boolean matches(String nameOrId) {
        return name.equals(nameOrId) || id.equals(nameOrId);
    }
}
