package io.kongexporter.live;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * This replica's end of the fleet's live view: its own settled seconds are serialized once ({@link WindowShare}),
 * merged into {@link FleetSeconds} and sent; the shares read from the topic are merged too, or counted by why they
 * were skipped ({@code kong_exporter_live_fleet_shares_total{result}}).
 */
final class FleetShares implements FleetLink {
    static final String SHARES = "kong_exporter_live_fleet_shares";
    static final String UNSENT = "kong_exporter_live_fleet_unsent_shares";

    private final String replica;
    private final Clock clock;
    private final FleetSeconds seconds;
    private final Counter received = Counter.builder().name(SHARES)
            .help("Shares of the fleet's live view (one replica's second of traffic) read from live.kafka_topic, by result: merged, own (this replica's, skipped), invalid (malformed or over 64 KiB), stale (a second no longer held), refused (too many replicas or bytes held)")
            .labelNames("result").withoutExemplars().build();
    private final Counter unsent = Counter.builder().name(UNSENT)
            .help("Shares of this replica's seconds that could not be sent to live.kafka_topic (the others show it as missing for those seconds)")
            .withoutExemplars().build();
    private volatile Consumer<byte[]> outlet = share -> {};

    FleetShares(String replica, Clock clock) {
        this.replica = replica;
        this.clock = clock;
        this.seconds = new FleetSeconds(replica, clock.millis());
        for (FleetSeconds.Received r : FleetSeconds.Received.values()) {
            received.labelValues(r.label);
        }
    }

    void register(PrometheusRegistry registry) {
        registry.register(received);
        registry.register(unsent);
    }

    FleetSeconds seconds() {
        return seconds;
    }

    /** One of this replica's seconds, settled or revised: merged here and sent to the others. */
    void share(TrafficWindow second) {
        byte[] share = WindowShare.write(replica, second);
        seconds.put(share, false, clock.millis());
        outlet.accept(share);
    }

    @Override
    public String replica() {
        return replica;
    }

    @Override
    public void sendVia(Consumer<byte[]> outlet) {
        this.outlet = outlet;
    }

    @Override
    public void receive(byte[] share) {
        received.labelValues(seconds.put(share, true, clock.millis()).label).inc();
    }

    @Override
    public void unsent() {
        unsent.inc();
    }

    @Override
    public byte[] leaving() {
        return WindowShare.leaving(replica);
    }
}
