package io.kongsimulator;

/** A request the simulated Admin API refuses; answered as {@code {"message": ...}} with {@code status}. */
final class AdminApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    AdminApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static AdminApiException notFound() {
        return new AdminApiException(404, "Not found");
    }

    int status() {
        return status;
    }
}
