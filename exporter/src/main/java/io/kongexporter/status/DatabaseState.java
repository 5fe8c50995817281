package io.kongexporter.status;

/** What {@code /status} says about the database: Kong omits it in DB-less mode since 3.4 and before 0.11. */
public enum DatabaseState {
    REACHABLE,
    UNREACHABLE,
    NOT_REPORTED
}
