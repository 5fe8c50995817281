package io.kongsimulator;

/**
 * A consumer of the demo catalog and how it calls: how much, and from where.
 *
 * @param weight  share of the authenticated traffic, relative to the other consumers
 * @param address the client address it always calls from, or null for apps behind the load balancer
 */
record ConsumerUsage(ConsumerEntity entity, double weight, String address) {
}
