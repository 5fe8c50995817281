package io.kongexporter.ingest;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kongexporter.config.IngestConfig;
import io.kongexporter.core.ApiError;
import io.kongexporter.core.Budget;
import io.kongexporter.core.ClientShares;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST|PUT|PATCH <ingest.path>}: what Kong's http-log plugin sends. Answers fast, and so that Kong's retry
 * logic does the right thing: 200 {@code {"accepted":N,"invalid":M}} whenever the body parses (an entry with wrong
 * types is skipped and counted; re-sending would not fix it); 400 for a body that is not JSON; 413 over
 * {@code ingest.max_body}; 401 without the token; 408 when the body has not arrived within {@code ingest.read_timeout}
 * or trickles (see {@link ReadDeadline}); 503 only when overloaded, so Kong backs off and re-sends. A body is counted
 * all or nothing, so a rejected body never leaves half a batch behind. At most {@value #MAX_BODIES_READ_AT_ONCE}
 * bodies are read at once (the next gets 503 at once), fewer than the web server's threads, so slow senders can never
 * take the threads that answer {@code /metrics} and the health checks; one client may hold a quarter of them. Refused and aborted requests are counted and logged as a summary.
 */
public final class LogIngestEndpoint implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(LogIngestEndpoint.class);
    /** Bodies read at once; the web server keeps threads beyond these for everything else (see WebServer). */
    public static final int MAX_BODIES_READ_AT_ONCE = 384;
    /** Of those, what one client (remote address) may take: a quarter, so three hostile senders leave room for Kong. */
    static final int MAX_BODIES_READ_AT_ONCE_PER_CLIENT = ClientShares.shareOf(MAX_BODIES_READ_AT_ONCE);
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private volatile IngestConfig config;
    private volatile IngestAuth auth;
    private final EntryPipeline pipeline;
    private final IngestStats stats;
    /**
     * Bytes of log bodies held in memory at once, charged as they arrive (never by the length a request declares): a
     * body that does not fit makes the exporter overloaded (503; Kong backs off and re-sends) instead of the heap growing
     * with the number of concurrent senders.
     */
    private final Budget budget;
    private final BufferPool buffers = new BufferPool(8, 4 << 20);
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;
    private final Semaphore reading = new Semaphore(MAX_BODIES_READ_AT_ONCE);
    private final ClientShares shares = new ClientShares();
    private final RateLimitedLog notAccepted = new RateLimitedLog(LOG, LOG_INTERVAL);

    public LogIngestEndpoint(IngestConfig config, EntryPipeline pipeline, IngestStats stats) {
        this.config = config;
        this.auth = new IngestAuth(config);
        this.pipeline = pipeline;
        this.stats = stats;
        this.budget = new Budget(Math.max(4 * config.maxBodyBytes(), 64L << 20));
    }

    /**
     * The 200 body: {@code {"accepted":N,"invalid":M}}, with {@code "duplicate":D} when the batch repeated entries
     * already counted (Kong re-sent it). Three numbers: written directly, not through an object mapper.
     */
    static byte[] answerBody(EntryPipeline.Delivery delivery) {
        String json = "{\"accepted\":" + delivery.accepted() + ",\"invalid\":" + delivery.invalid()
                + (delivery.duplicate() == 0 ? "}" : ",\"duplicate\":" + delivery.duplicate() + "}");
        return json.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public void handle(Context ctx) throws IOException {
        inFlight.incrementAndGet();
        try {
            if (draining) {
                throw ApiError.unavailable("shutting down: not accepting logs; Kong will re-send to another replica or after the restart");
            }
            accept(ctx);
            stats.answered(200);
        } catch (ApiError e) {
            stats.answered(e.status());
            notAccepted.note(e.status() + " (" + e.error() + ")");
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", auth.challenge());
            } else if (e.status() == 503) {
                ctx.header("Retry-After", "1");
            }
            throw e;
        } catch (IOException gone) {
            // The client closed the connection mid-body (or before the answer): there is no one to answer. Should it
            // still be there, it must never read a 200 for a body nothing was counted of: a 400 makes Kong re-send.
            stats.aborted();
            notAccepted.note("aborted (the client closed the connection before the whole body arrived)");
            if (!ctx.res().isCommitted()) {
                ctx.status(400);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Applies a reloaded {@code ingest:} section: credentials, body limit. The path needs a restart. */
    public void apply(IngestConfig next) {
        auth = new IngestAuth(next);
        config = next;
    }

    /**
     * Graceful shutdown: new requests get 503 (Kong keeps the batch and re-sends it), requests already being read
     * finish and are counted. Returns the entries accepted over the receiver's life, once nothing is in flight or
     * the timeout passed.
     */
    public long drain(Duration timeout) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        notAccepted.flush();
        return pipeline.acceptedTotal();
    }

    private void accept(Context ctx) throws IOException {
        if (!auth.allows(ctx.header("Authorization"))) {
            throw ApiError.unauthorized("missing or wrong credentials: send Authorization: Bearer <ingest.token> (http-log config.headers)");
        }
        String client = ctx.req().getRemoteAddr();
        if (!shares.tryTake(client, MAX_BODIES_READ_AT_ONCE_PER_CLIENT)) {
            throw ApiError.unavailable("overloaded: " + MAX_BODIES_READ_AT_ONCE_PER_CLIENT + " log bodies from this client are being read at once; retry later");
        }
        try {
            if (!reading.tryAcquire()) {
                throw ApiError.unavailable("overloaded: " + MAX_BODIES_READ_AT_ONCE + " log bodies are being read at once; retry later");
            }
            try {
                accept(ctx, config);
            } finally {
                reading.release();
            }
        } finally {
            shares.give(client);
        }
    }

    private void accept(Context ctx, IngestConfig current) throws IOException {
        try (CappedBody body = readBody(ctx, current)) {
            EntryPipeline.Delivery delivery;
            try {
                delivery = pipeline.accept(body.bytes(), 0, body.length());
            } catch (LogParseException e) {
                throw ApiError.badRequest(e.getMessage());
            }
            if (delivery.invalid() > 0) {
                LOG.debug("skipped {} invalid entries of {}: {}", delivery.invalid(),
                        delivery.accepted() + delivery.duplicate() + delivery.invalid(), delivery.firstInvalidReason());
            }
            answer(ctx, answerBody(delivery));
        }
    }

    private CappedBody readBody(Context ctx, IngestConfig current) throws IOException {
        try (ReadDeadline deadline = ReadDeadline.start(ctx.req(), current.readTimeout())) {
            try {
                return CappedBody.read(ctx.req().getInputStream(), ctx.req().getContentLengthLong(), current.maxBodyBytes(), budget, buffers, deadline);
            } catch (IOException e) {
                if (deadline.passed() || timedOut(e)) {
                    throw deadline.expired();
                }
                throw e;
            }
        }
    }

    /**
     * The connection's idle timeout, lowered to the deadline, fired (it may fire a little before the deadline as the
     * clock reads it): the body did not arrive in time, the client did not go away.
     */
    private static boolean timedOut(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes and flushes the 200 before the request counts as finished, so a graceful shutdown that waited for the
     * requests in flight never stops the server between counting a batch and telling Kong it was accepted.
     */
    private static void answer(Context ctx, byte[] body) throws IOException {
        ctx.status(200).contentType("application/json");
        ctx.res().setContentLength(body.length);
        ctx.res().getOutputStream().write(body);
        ctx.res().flushBuffer();
    }
}
