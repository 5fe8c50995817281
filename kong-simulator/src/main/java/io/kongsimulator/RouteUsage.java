package io.kongsimulator;

import java.util.List;

/**
 * How clients use one route of the demo catalog: the entities, what a request looks like and how
 * the service behind it answers.
 *
 * @param method        the method requests use
 * @param pathHead      the request path before the id, or the whole path when {@code withId} is false
 * @param pathTail      the request path after the id ("" when none)
 * @param withId        whether a numeric id sits between head and tail ({@code /orders/1042})
 * @param queries       raw query strings to pick from ("" for none)
 * @param weight        share of the traffic, relative to the other routes
 * @param keyAuth       key-auth runs on the route: requests carry a consumer, or get 401
 * @param acl           an ACL limits the route: some consumers get 403
 * @param listing       answers are lists (larger bodies, slower)
 * @param okStatus      the status of a successful answer (200, 201, 204; 101 for the WebSocket route)
 * @param medianMs      median upstream latency of the service
 * @param sigma         spread of the log of the upstream latency (0.5 tight, 0.9 long tail)
 * @param errorWeight   how much more often than others the service fails (1 = average)
 */
record RouteUsage(
        RouteEntity route,
        ServiceEntity service,
        String method,
        String pathHead,
        String pathTail,
        boolean withId,
        List<String> queries,
        double weight,
        boolean keyAuth,
        boolean acl,
        boolean listing,
        int okStatus,
        double medianMs,
        double sigma,
        double errorWeight) {

    RouteUsage {
        queries = List.copyOf(queries);
    }

    /** The WebSocket route: answered with 101 Switching Protocols. */
    boolean websocket() {
        return okStatus == 101;
    }
}
