package io.kongexporter.status;

import java.util.Locale;

/** Why a poll failed; the {@code reason} label of {@code kong_exporter_poll_errors_total}. */
public enum PollErrorReason {
    TIMEOUT,
    CONNECT,
    HTTP_STATUS,
    PARSE,
    CIRCUIT_OPEN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
