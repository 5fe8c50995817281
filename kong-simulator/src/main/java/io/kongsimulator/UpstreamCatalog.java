package io.kongsimulator;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The upstreams every demo node knows: {@code orders-upstream} with active health checks and one
 * flapping target among three, and {@code payments-upstream} without health checks, one of whose
 * two targets has a hostname that does not resolve. Ids derive from the scenario seed.
 */
final class UpstreamCatalog {

    /** 2025-05-02T10:00:00Z: when the demo's Kong config was first written. */
    private static final long CREATED_EPOCH_S = 1_746_180_000L;
    private static final long SALT = 0x7570737472L;

    private final List<Upstream> upstreams;

    private UpstreamCatalog(List<Upstream> upstreams) {
        this.upstreams = List.copyOf(upstreams);
    }

    static UpstreamCatalog demo(long seed) {
        SplittableRandom random = Noise.random(seed, SALT, 0);
        Upstream orders = new Upstream(Noise.uuid(random).toString(), "orders-upstream", CREATED_EPOCH_S,
                List.of(target(random, "10.0.1.5", 8080, Target.Behaviour.HEALTHY),
                        target(random, "10.0.1.6", 8080, Target.Behaviour.FLAPPING),
                        target(random, "10.0.1.7", 8080, Target.Behaviour.HEALTHY)));
        Upstream payments = new Upstream(Noise.uuid(random).toString(), "payments-upstream", CREATED_EPOCH_S + 3_600,
                List.of(target(random, "10.0.2.10", 8443, Target.Behaviour.HEALTHCHECKS_OFF),
                        target(random, "payments-legacy.internal", 8443, Target.Behaviour.DNS_ERROR)));
        return new UpstreamCatalog(List.of(orders, payments));
    }

    List<Upstream> all() {
        return upstreams;
    }

    Optional<Upstream> find(String nameOrId) {
        return upstreams.stream().filter(upstream -> upstream.matches(nameOrId)).findFirst();
    }

    private static Target target(SplittableRandom random, String host, int port, Target.Behaviour behaviour) {
        long createdAtMillis = (CREATED_EPOCH_S + 7_200) * 1000 + random.nextInt(86_400_000);
        return new Target(Noise.uuid(random).toString(), host, port, 100, createdAtMillis, behaviour);
    }
}
