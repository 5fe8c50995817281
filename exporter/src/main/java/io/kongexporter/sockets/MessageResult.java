package io.kongexporter.sockets;

/** What became of one message (a tcp-log line, a udp-log datagram, a syslog message): the {@code result} label. */
enum MessageResult {
    /** Parsed and handed to the pipeline (its entries are counted by {@code kong_exporter_log_entries_total}). */
    ACCEPTED("accepted"),
    /** Longer than the size limit on a stream: dropped, and the connection closed (its framing is lost). */
    TOO_LARGE("too_large"),
    /** A datagram longer than the size limit: dropped whole (a part of an entry is no entry). */
    CUT("cut"),
    /** Not JSON (or not a syslog message): nothing of it was counted. */
    UNPARSABLE("unparsable");

    private final String label;

    MessageResult(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
