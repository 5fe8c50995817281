package io.kongexporter.ingest;

/**
 * One entry has a field of the wrong type; the entry is skipped, the body goes on. Carries no stack
 * trace: it is an expected outcome, not a bug.
 */
final class InvalidEntryException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidEntryException(String reason) {
        super(reason, null, false, false);
    }
}
