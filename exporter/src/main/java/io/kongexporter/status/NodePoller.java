package io.kongexporter.status;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one Kong node: {@code /status} guarded by a time limit, one quick retry and a circuit breaker,
 * then the optional endpoints ({@link NodeExtrasFetcher}). Publishes an immutable {@link NodeSnapshot}
 * after each poll. Polls of one node never overlap; a hanging node only ever occupies its own poll.
 */
public final class NodePoller {
    private static final Logger LOG = LoggerFactory.getLogger(NodePoller.class);
    static final Duration RETRY_WAIT = Duration.ofMillis(100);

    private final NodeConfig node;
    private final KongConfig config;
    private final KongClient client;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final Supplier<CompletionStage<KongStatus>> guardedStatus;
    private final NodeExtrasFetcher extras;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicLongArray errors = new AtomicLongArray(PollErrorReason.values().length);
    private volatile NodeSnapshot snapshot;
    private volatile CompletableFuture<NodeSnapshot> current;
    private volatile boolean unitParameterSupported = true;
    private final Consumer<NodeSnapshot> listener;

    public NodePoller(NodeConfig node, KongConfig config, KongClient client, ScheduledExecutorService scheduler, Clock clock,
                      Consumer<NodeSnapshot> listener) {
        this.listener = listener;
        this.node = node;
        this.config = config;
        this.client = client;
        this.clock = clock;
        this.extras = new NodeExtrasFetcher(node, config, client, clock);
        this.snapshot = NodeSnapshot.initial(node, errorCounts());
        this.current = CompletableFuture.completedFuture(snapshot);

        this.breaker = CircuitBreaker.of("kong-" + node.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(3)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(100)
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitDurationInOpenState(breakerOpenTime(config.pollInterval()))
                .build());
        breaker.getEventPublisher().onStateTransition(event ->
                LOG.warn("node {}: circuit breaker {}", node.name(), describe(event.getStateTransition())));
        Retry retry = Retry.of("kong-" + node.name(), RetryConfig.custom()
                .maxAttempts(2)
                .waitDuration(RETRY_WAIT)
                .retryOnException(NodePoller::worthRetrying)
                .failAfterMaxAttempts(false)
                .build());
        TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.custom()
                .timeoutDuration(config.timeout())
                .cancelRunningFuture(true)
                .build());
        Supplier<CompletionStage<KongStatus>> limited = limiter.decorateCompletionStage(scheduler, this::fetchStatus);
        Supplier<CompletionStage<KongStatus>> retried = Retry.decorateCompletionStage(retry, scheduler, limited);
        this.guardedStatus = CircuitBreaker.decorateCompletionStage(breaker, retried);
    }

    /** While open, the breaker answers for the node: long enough to spare a dead node, short enough to notice its return. */
    static Duration breakerOpenTime(Duration pollInterval) {
        Duration twice = pollInterval.multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : twice;
    }

    public NodeConfig node() {
        return node;
    }

    public NodeSnapshot snapshot() {
        NodeSnapshot latest = snapshot;
        String breakerNow = breakerState();
        // The breaker moves between polls too (half-open while its probe runs): report where it is now.
        return breakerNow.equals(latest.breakerState()) ? latest : latest.toBuilder().breakerState(breakerNow).build();
    }

    /** Starts a poll unless one is still running; returns the future of the poll in progress either way. */
    public CompletableFuture<NodeSnapshot> poll() {
        if (!inFlight.compareAndSet(false, true)) {
            return current;
        }
        long started = System.nanoTime();
        NodeSnapshot previous = snapshot;
        CompletableFuture<NodeSnapshot> round = guardedStatus.get().toCompletableFuture()
                .thenCompose(status -> extras.fetch(previous, status)
                        .thenApply(found -> succeeded(previous, status, found, started)))
                .exceptionally(error -> failed(previous, PollFailure.of(error), started))
                .whenComplete((s, e) -> inFlight.set(false));
        current = round;
        return round;
    }

    private CompletionStage<KongStatus> fetchStatus() {
        String path = unitParameterSupported ? "/status?unit=b" : "/status";
        return client.get(node, path, config.timeout()).thenCompose(response -> {
            if (response.status() == 400 && unitParameterSupported) {
                unitParameterSupported = false;
                LOG.info("node {}: /status rejects ?unit=b, polling plain /status and parsing sizes", node.name());
                return fetchStatus();
            }
            if (response.status() != 200) {
                return CompletableFuture.failedFuture(new PollFailure.UnexpectedStatusException(path, response.status()));
            }
            try {
                return CompletableFuture.completedFuture(StatusParser.parse(response.body()));
            } catch (KongParseException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /** Network trouble and 5xx may pass; garbage and an open breaker will not. */
    private static boolean worthRetrying(Throwable error) {
        Throwable cause = PollFailure.unwrap(error);
        if (cause instanceof KongParseException || cause instanceof CallNotPermittedException
                || cause instanceof CappedBodyHandler.BodyTooLargeException) {
            return false;
        }
        return !(cause instanceof PollFailure.UnexpectedStatusException e) || e.getMessage().matches(".* 5\\d\\d$");
    }

    private NodeSnapshot succeeded(NodeSnapshot previous, KongStatus status, NodeExtras found, long started) {
        Instant now = clock.instant();
        if (!previous.up()) {
            LOG.info("node {}: up{}", node.name(), previous.lastAttempt() == null ? "" : " again");
        }
        for (PollErrorReason reason : found.errors()) {
            errors.incrementAndGet(reason.ordinal());
        }
        return publish(polled(previous, started, now).up(true).status(status).info(found.info()).lastSeen(now).lastError(null)
                .warning(found.warning()).dataPlanes(found.dataPlanes()).targets(found.targets()).ready(found.ready()).certificates(found.certificates()).build());
    }

    private NodeSnapshot failed(NodeSnapshot previous, PollFailure failure, long started) {
        errors.incrementAndGet(failure.reason().ordinal());
        if (previous.up() || previous.lastAttempt() == null) {
            LOG.warn("node {}: down ({})", node.name(), failure.message());
        }
        return publish(polled(previous, started, clock.instant()).up(false).lastError(failure.message()).warning(null).build());
    }

    /** The previous snapshot with this poll counted: when it finished, how long it took, the breaker and error counts. */
    private NodeSnapshot.Builder polled(NodeSnapshot previous, long started, Instant finished) {
        return previous.toBuilder().lastAttempt(finished).lastPollSeconds(seconds(started)).breakerState(breakerState())
                .polls(previous.polls() + 1).errors(errorCounts());
    }

    private NodeSnapshot publish(NodeSnapshot next) {
        snapshot = next;
        try {
            listener.accept(next);
        } catch (RuntimeException e) {
            LOG.warn("node {}: snapshot listener failed: {}", node.name(), e.toString());
        }
        return next;
    }

    private String breakerState() {
        return breaker.getState().name().toLowerCase(Locale.ROOT);
    }

    private Map<PollErrorReason, Long> errorCounts() {
        Map<PollErrorReason, Long> counts = new EnumMap<>(PollErrorReason.class);
        for (PollErrorReason reason : PollErrorReason.values()) {
            counts.put(reason, errors.get(reason.ordinal()));
        }
        return counts;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String describe(CircuitBreaker.StateTransition transition) {
        return switch (transition.getToState()) {
            case OPEN -> "opened: node is reported down without network calls until the next probe";
            case HALF_OPEN -> "half-open: probing the node";
            case CLOSED -> "closed: node answers again";
            default -> transition.toString().toLowerCase(Locale.ROOT);
        };
    }
}
