package io.kongexporter.core;

/**
 * An HTTP error a handler answers with: mapped once by the web server to a JSON body
 * {@code {"status":..., "error":..., "message":...}}. Messages never echo raw input unescaped (JSON encodes them).
 */
public class ApiError extends RuntimeException {
    private final int status;
    private final String error;

    public ApiError(int status, String error, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "Bad Request", message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "Unauthorized", message);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "Payload Too Large", message);
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, "Service Unavailable", message);
    }
}
