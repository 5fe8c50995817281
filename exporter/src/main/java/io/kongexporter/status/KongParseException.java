package io.kongexporter.status;

/** The one error the Admin API parsers throw: the body is not what that endpoint of any Kong version sends. */
public final class KongParseException extends Exception {
    public KongParseException(String message) {
        super(message);
    }

    public KongParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
