package io.kongexporter.live;

/**
 * One server-sent event. {@code topic} (status, traffic, cluster, alerts), {@code node} and {@code service}
 * are for filtering and never sent; {@code name} and {@code data} are, with {@code id}.
 */
public record LiveEvent(long id, String topic, String name, String data, String node, String service) {}
