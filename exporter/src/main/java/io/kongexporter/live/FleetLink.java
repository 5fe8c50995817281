package io.kongexporter.live;

import java.util.function.Consumer;

/**
 * How the live view reaches the other replicas (the Kafka live topic): this replica's shares of each settled second
 * go out through {@link #sendVia}, everyone's come in through {@link #receive}. Present only when
 * {@code live.kafka_topic} is set.
 */
public interface FleetLink {
    /** This replica's id: host name and start time, unique across restarts. */
    String replica();

    /** Where this replica's shares go (set once, before start); a share is a few hundred bytes of JSON. */
    void sendVia(Consumer<byte[]> outlet);

    /** A share read from the topic (any replica's, this one's included): merged, or counted and skipped. */
    void receive(byte[] share);

    /** A share of this replica that could not be sent (counted). */
    void unsent();

    /** What this replica sends when it stops gracefully, so that the others do not show it as missing. */
    byte[] leaving();
}
