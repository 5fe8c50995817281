package io.kongsimulator;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * One upstream target and how its health behaves over time.
 *
 * @param createdAtMillis epoch milliseconds; Kong sends target timestamps as seconds with a millisecond fraction
 */
record Target(String id, String host, int port, int weight, long createdAtMillis, Behaviour behaviour) {

    /** How a target's health evolves. */
    enum Behaviour {
        /** Always passes its health checks. */
        HEALTHY,
        /** Alternates HEALTHY and UNHEALTHY every flip period (of wall-clock time, so all nodes agree). */
        FLAPPING,
        /** Its hostname does not resolve: no addresses. */
        DNS_ERROR,
        /** Its upstream has no health checks configured. */
        HEALTHCHECKS_OFF
    }

    /** {@code created_at} as Kong writes it: {@code 1746267282.336}. */
    BigDecimal createdAt() {
        return BigDecimal.valueOf(createdAtMillis, 3);
    }

    /** {@code host:port}, the {@code target} field. */
    String target() {
        return host + ":" + port;
    }

    /** HEALTHY, UNHEALTHY, DNS_ERROR or HEALTHCHECKS_OFF at {@code nowMillis}. */
    String healthAt(long nowMillis, Duration flipPeriod) {
        return switch (behaviour) {
            case HEALTHY -> "HEALTHY";
            case FLAPPING -> Math.floorDiv(nowMillis, flipPeriod.toMillis()) % 2 == 0 ? "HEALTHY" : "UNHEALTHY";
            case DNS_ERROR -> "DNS_ERROR";
            case HEALTHCHECKS_OFF -> "HEALTHCHECKS_OFF";
        };
    }
}
