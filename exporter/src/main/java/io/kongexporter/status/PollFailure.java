package io.kongexporter.status;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** A failed poll with its classified reason and a short message for the landing page. */
public record PollFailure(PollErrorReason reason, String message) {

    /** Unwraps async wrappers and classifies what went wrong. */
    static PollFailure of(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof CallNotPermittedException) {
            return new PollFailure(PollErrorReason.CIRCUIT_OPEN, "circuit breaker open: not polled");
        }
        if (cause instanceof UnexpectedStatusException e) {
            return new PollFailure(PollErrorReason.HTTP_STATUS, e.getMessage());
        }
        if (cause instanceof KongParseException || cause instanceof CappedBodyHandler.BodyTooLargeException) {
            return new PollFailure(PollErrorReason.PARSE, cause.getMessage());
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new PollFailure(PollErrorReason.TIMEOUT, "timed out");
        }
        if (cause instanceof java.net.ConnectException) {
            return new PollFailure(PollErrorReason.CONNECT, "connection refused" + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        if (cause instanceof IOException) {
            String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new PollFailure(PollErrorReason.CONNECT, "connection failed: " + detail);
        }
        return new PollFailure(PollErrorReason.CONNECT, "unexpected error: " + cause);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Kong answered with a status the endpoint never sends on success. */
    static final class UnexpectedStatusException extends Exception {
        UnexpectedStatusException(String path, int status) {
            super("GET " + path + " answered HTTP " + status);
        }
    }
}
