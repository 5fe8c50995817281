package io.kongexporter.ingest;

/**
 * The body as a whole cannot be used: it is not JSON, is truncated, breaks a parser limit, or has a
 * top-level value that is neither an object nor an array. Nothing from such a body may be counted.
 *
 * <p>Checked on purpose: a receiver has to decide how to answer (typically 400) and which rejection
 * reason to count. The message says what is wrong and at which byte of the body, and never quotes
 * more than a few dozen characters of the input.
 */
public final class LogParseException extends Exception {

    private static final long serialVersionUID = 1L;

    public LogParseException(String message) {
        super(message);
    }
}
