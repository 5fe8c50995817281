package io.kongsimulator;

import io.kongsimulator.TrafficSample.Latencies;
import io.kongsimulator.TrafficSample.Request;
import io.kongsimulator.TrafficSample.Source;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic Kong traffic over the {@link TrafficCatalog#standard() standard catalog}, reproducible
 * for a seed: the same seed and the same calls give the same samples.
 *
 * <p>The mix (see {@link Outcome}): 2xx 88 % (a few after a retry, "502, 200"; 0.5 % WebSocket
 * upgrades with 101), 3xx 2 %, 4xx 6 % (401 from key-auth, 403 from ACL, 404 with no route,
 * upstream 4xx), 429 2 %, 5xx 2 % (upstream 500/503, 502 and 504 from Kong after all tries
 * failed). Upstream latencies are lognormal per service with a long tail; {@code inventory-api} is
 * slower and fails about six times as often as the others. The rate swings ±30 % over four minutes.
 *
 * <p>Not thread-safe.
 */
public final class TrafficModel {

    public static final long WAVE_PERIOD_MILLIS = 240_000;
    private static final double WAVE_SWING = 0.3;
    private static final double RETRY_SHARE = 0.004;
    private static final String API_HOST = "api.example.com";
    private static final String CHAT_HOST = "chat.example.com";
    private static final String[] NO_ROUTE_PATHS = {
            "/wp-login.php", "/.env", "/admin/config.php", "/phpmyadmin/index.php", "/api/v0/orders",
            "/actuator/health", "/favicon.ico", "/.git/config", "/order", "/v1/products"};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SplittableRandom random;
    private final double entriesPerSecond;
    private final long startMillis;
    private final TrafficCatalog catalog = TrafficCatalog.standard();
    private final WeightedChoice<RouteUsage> anyRoute;
    private final WeightedChoice<RouteUsage> getRoute;
    private final WeightedChoice<RouteUsage> keyAuthRoute;
    private final WeightedChoice<RouteUsage> aclRoute;
    private final WeightedChoice<RouteUsage> faultyRoute;
    private final RouteUsage websocketRoute;
    private final WeightedChoice<ConsumerUsage> consumer;
    private final WeightedChoice<ConsumerUsage> partner;
    private final WeightedChoice<ConsumerUsage> noisyPartner;
    private final String[] balancerAddresses = addresses(TrafficCatalog.LOAD_BALANCER_SUBNET, 1, 40);
    private final String[] scannerAddresses = addresses("192.0.2.", 7, 60);
    private final char[] hex = new char[32];

    /**
     * @param seed             every random choice derives from it
     * @param entriesPerSecond the average rate {@link #rate} swings around
     * @param startMillis      where the rate's wave starts
     */
    public TrafficModel(long seed, double entriesPerSecond, long startMillis) {
        if (!(entriesPerSecond > 0)) {
            throw new IllegalArgumentException("entriesPerSecond must be positive, got " + entriesPerSecond);
        }
        this.random = new SplittableRandom(seed);
        this.entriesPerSecond = entriesPerSecond;
        this.startMillis = startMillis;
        List<RouteUsage> routes = catalog.routeUsages();
        List<RouteUsage> http = routes.stream().filter(r -> !r.websocket()).toList();
        this.anyRoute = new WeightedChoice<>(http, RouteUsage::weight);
        this.getRoute = new WeightedChoice<>(http.stream().filter(r -> r.method().equals("GET")).toList(),
                RouteUsage::weight);
        this.keyAuthRoute = new WeightedChoice<>(http.stream().filter(RouteUsage::keyAuth).toList(),
                RouteUsage::weight);
        this.aclRoute = new WeightedChoice<>(http.stream().filter(RouteUsage::acl).toList(), RouteUsage::weight);
        this.faultyRoute = new WeightedChoice<>(http, r -> r.weight() * r.errorWeight());
        this.websocketRoute = routes.stream().filter(RouteUsage::websocket).findFirst().orElseThrow();
        List<ConsumerUsage> consumers = catalog.consumerUsages();
        List<ConsumerUsage> partners = consumers.stream().filter(c -> c.entity().tags().contains("partner")).toList();
        this.consumer = new WeightedChoice<>(consumers, ConsumerUsage::weight);
        this.partner = new WeightedChoice<>(partners, ConsumerUsage::weight);
        this.noisyPartner = new WeightedChoice<>(List.of(partners.get(5), partners.get(14)), c -> 1);
    }

    public TrafficCatalog catalog() {
        return catalog;
    }

    /** Entries per second at {@code nowMillis}: the average ±30 % on a four-minute sine. */
    public double rate(long nowMillis) {
        double phase = 2 * Math.PI * (nowMillis - startMillis) / WAVE_PERIOD_MILLIS;
        return entriesPerSecond * (1 + WAVE_SWING * Math.sin(phase));
    }

    /**
     * The next request, logged at {@code loggedAtMillis} (when it ended: {@code started_at} is that
     * minus the request latency) on {@code node}.
     */
    public TrafficSample next(long loggedAtMillis, String node) {
        Outcome outcome = Outcome.at(random.nextDouble());
        return switch (outcome) {
            case NO_ROUTE -> noRoute(loggedAtMillis, node);
            case WEBSOCKET -> websocket(loggedAtMillis, node);
            default -> routed(outcome, loggedAtMillis, node);
        };
    }

    private TrafficSample routed(Outcome outcome, long loggedAt, String node) {
        RouteUsage usage = switch (outcome) {
            case UNAUTHORIZED, RATE_LIMITED -> keyAuthRoute.pick(random);
            case FORBIDDEN -> aclRoute.pick(random);
            case REDIRECT -> getRoute.pick(random);
            default -> outcome.serviceFault() ? faultyRoute.pick(random) : anyRoute.pick(random);
        };
        ConsumerUsage caller = !usage.keyAuth() || outcome == Outcome.UNAUTHORIZED ? null
                : outcome == Outcome.RATE_LIMITED && random.nextInt(10) < 6 ? noisyPartner.pick(random)
                : outcome == Outcome.FORBIDDEN ? partner.pick(random)
                : consumer.pick(random);
        Request request = request(usage, caller);
        ServiceEntity service = usage.service();
        int kong = kongMillis();
        return switch (outcome) {
            case UNAUTHORIZED, FORBIDDEN, RATE_LIMITED -> {
                int status = outcome == Outcome.UNAUTHORIZED ? 401 : outcome == Outcome.FORBIDDEN ? 403 : 429;
                int answer = outcome == Outcome.RATE_LIMITED ? kong + 1 : kong;
                yield sample(node, loggedAt, usage, caller, request, status, Source.KONG, 0, 0,
                        new Latencies(answer, -1, answer, 0), kongAnswerSize(status));
            }
            case BAD_GATEWAY -> {
                int tries = Math.min(service.retries(), 2) + 1;
                int refused = kong + tries * (1 + random.nextInt(3));
                yield sample(node, loggedAt, usage, caller, request, 502, Source.KONG, tries, 502,
                        new Latencies(refused, 1, refused + 1, 0), kongAnswerSize(502));
            }
            case GATEWAY_TIMEOUT -> {
                int tries = Math.min(service.retries(), 1) + 1;
                int waited = kong + (tries - 1) * service.readTimeout();
                yield sample(node, loggedAt, usage, caller, request, 504, Source.KONG, tries, 504,
                        new Latencies(waited, service.readTimeout(), waited + service.readTimeout(), 0),
                        kongAnswerSize(504));
            }
            default -> proxied(outcome, node, loggedAt, usage, caller, request, kong);
        };
    }

    private TrafficSample proxied(Outcome outcome, String node, long loggedAt, RouteUsage usage,
                                  ConsumerUsage caller, Request request, int kong) {
        boolean get = usage.method().equals("GET");
        int status = switch (outcome) {
            case REDIRECT -> random.nextInt(5) == 0 ? 302 : 304;
            case CLIENT_ERROR -> get ? (random.nextInt(4) == 0 ? 400 : 404)
                    : new int[] {400, 409, 422}[random.nextInt(3)];
            case SERVER_ERROR -> random.nextInt(10) < 7 ? 500 : 503;
            default -> usage.okStatus();
        };
        int tries = 1;
        if (outcome == Outcome.OK && usage.service().retries() > 0
                && random.nextDouble() < RETRY_SHARE * usage.errorWeight()) {
            tries = 2;
            kong += 1 + random.nextInt(3);
        }
        long size = responseSize(usage, status);
        int proxy = upstreamMillis(usage, status);
        int receive = (int) Math.round(lognormal(0.4 + size / 40_000.0, 0.8));
        int total = kong + proxy + receive + (random.nextInt(4) == 0 ? 1 : 0);
        return sample(node, loggedAt, usage, caller, request, status, Source.UPSTREAM, tries, tries > 1 ? 502 : 0,
                new Latencies(kong, proxy, total, receive), size);
    }

    private TrafficSample websocket(long loggedAt, String node) {
        RouteUsage usage = websocketRoute;
        String query = usage.queries().get(random.nextInt(usage.queries().size()));
        Request request = new Request(requestId(), balancerAddresses[random.nextInt(balancerAddresses.length)],
                "GET", CHAT_HOST, random.nextInt(10) != 0, usage.pathHead(), query,
                Math.round(lognormal(520, 0.05)));
        int kong = kongMillis();
        int proxy = Math.max(1, (int) Math.round(lognormal(usage.medianMs(), usage.sigma())));
        int open = (int) Math.min(3_600_000, Math.round(lognormal(90_000, 1.0)));
        return sample(node, loggedAt, usage, null, request, 101, Source.UPSTREAM, 1, 0,
                new Latencies(kong, proxy, kong + proxy + open, 0), Math.round(lognormal(400_000, 1.2)));
    }

    private TrafficSample noRoute(long loggedAt, String node) {
        String path = NO_ROUTE_PATHS[random.nextInt(NO_ROUTE_PATHS.length)];
        Request request = new Request(requestId(), scannerAddresses[random.nextInt(scannerAddresses.length)],
                path.equals("/wp-login.php") && random.nextBoolean() ? "POST" : "GET", API_HOST,
                random.nextInt(10) < 3, path, "", Math.round(lognormal(95, 0.1)));
        int kong = random.nextInt(5) == 0 ? 1 : 0;
        long startedAt = loggedAt - kong;
        return new TrafficSample(node, startedAt, null, null, null, request, 404, Source.KONG, 0, 0,
                new Latencies(kong, -1, kong, 0), kongAnswerSize(404), false);
    }

    private TrafficSample sample(String node, long loggedAt, RouteUsage usage, ConsumerUsage caller, Request request,
                                 int status, Source source, int tries, int failedTryCode, Latencies latencies,
                                 long responseSize) {
        return new TrafficSample(node, loggedAt - latencies.request(), usage.service(), usage.route(),
                caller == null ? null : caller.entity(), request, status, source, tries, failedTryCode, latencies,
                responseSize, usage.websocket());
    }

    private Request request(RouteUsage usage, ConsumerUsage caller) {
        String path = usage.withId() ? usage.pathHead() + (1000 + random.nextInt(90_000)) + usage.pathTail()
                : usage.pathHead();
        String query = usage.queries().get(random.nextInt(usage.queries().size()));
        String address = caller != null && caller.address() != null ? caller.address()
                : balancerAddresses[random.nextInt(balancerAddresses.length)];
        long size = Math.round(lognormal(caller == null ? 330 : 430, 0.08) + path.length() + query.length());
        if (!usage.method().equals("GET") && !usage.method().equals("DELETE")) {
            size += Math.round(lognormal(650, 0.7));
        }
        return new Request(requestId(), address, usage.method(), API_HOST, random.nextInt(10) < 7, path, query, size);
    }

    private int kongMillis() {
        return (int) Math.min(250, Math.round(lognormal(1.2, 0.7)));
    }

    private int upstreamMillis(RouteUsage usage, int status) {
        double median = status >= 300 && status < 500 ? usage.medianMs() * 0.4 : usage.medianMs();
        double millis = lognormal(median, usage.sigma());
        return (int) Math.max(1, Math.min(usage.service().readTimeout(), Math.round(millis)));
    }

    private long responseSize(RouteUsage usage, int status) {
        double median = switch (status) {
            case 200 -> usage.listing() ? 6_000 : usage.method().equals("GET") ? 1_800 : 700;
            case 201 -> 900;
            case 204 -> 240;
            case 304 -> 230;
            case 302 -> 390;
            default -> 440;
        };
        return Math.max(120, Math.round(lognormal(median, status == 200 ? 0.6 : 0.15)));
    }

    /** The size of Kong's own JSON error answers, headers included. */
    private long kongAnswerSize(int status) {
        int base = switch (status) {
            case 401 -> 321;
            case 403 -> 336;
            case 404 -> 325;
            case 429 -> 489;
            default -> 378;
        };
        return base + random.nextInt(4);
    }

    private double lognormal(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    private String requestId() {
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            hex[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xF];
            hex[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xF];
        }
        return new String(hex);
    }

    private static String[] addresses(String subnet, int first, int count) {
        String[] addresses = new String[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = subnet + (first + i);
        }
        return addresses;
    }
}
