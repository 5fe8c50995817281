package io.kongsimulator;

/**
 * What happens to a request of the demo traffic, with its share of all requests: 2xx 88 % (101
 * included), 3xx 2 %, 4xx 6 % plus 429 2 %, 5xx 2 %.
 */
enum Outcome {
    /** Proxied, the service answers 200/201/204; a few need a retry after a refused connection. */
    OK(0.875),
    /** The WebSocket route upgrades: 101, a long-lived connection. */
    WEBSOCKET(0.005),
    /** Proxied, the service answers 304 or 302. */
    REDIRECT(0.02),
    /** key-auth finds no key: 401 from Kong, no consumer. */
    UNAUTHORIZED(0.025),
    /** The ACL plugin refuses the consumer: 403 from Kong. */
    FORBIDDEN(0.01),
    /** No route matches (scanners, typos): 404 from Kong, no service or route. */
    NO_ROUTE(0.01),
    /** Proxied, the service answers 400/404/409/422. */
    CLIENT_ERROR(0.015),
    /** rate-limiting stops the consumer: 429 from Kong. */
    RATE_LIMITED(0.02),
    /** Proxied, the service answers 500 or 503. */
    SERVER_ERROR(0.008),
    /** Every try is refused: 502 from Kong. */
    BAD_GATEWAY(0.007),
    /** Every try times out: 504 from Kong. */
    GATEWAY_TIMEOUT(0.005);

    private static final Outcome[] ALL = values();
    private static final double[] CUMULATIVE = new double[ALL.length];

    static {
        double sum = 0;
        for (int i = 0; i < ALL.length; i++) {
            sum += ALL[i].share;
            CUMULATIVE[i] = sum;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalStateException("outcome shares must add up to 1, got " + sum);
        }
    }

    private final double share;

    Outcome(double share) {
        this.share = share;
    }

    double share() {
        return share;
    }

    /** The outcome for a uniform draw in [0, 1). */
    static Outcome at(double draw) {
        for (int i = 0; i < ALL.length - 1; i++) {
            if (draw < CUMULATIVE[i]) {
                return ALL[i];
            }
        }
        return ALL[ALL.length - 1];
    }

    /** Failures the service causes: more likely on an error-prone service. */
    boolean serviceFault() {
        return this == SERVER_ERROR || this == BAD_GATEWAY || this == GATEWAY_TIMEOUT;
    }
}
