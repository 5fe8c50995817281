package io.kongexporter.alerts;

/** Why part of an Alertmanager webhook was cut to fit: the {@code reason} of {@code kong_exporter_alerts_truncated_total}. */
enum Truncation {
    /** A label or annotation name or value (or a URL, a time) shortened to its limit, with a visible marker. */
    LONG_VALUE("long_value"),
    /** Labels or annotations of one alert dropped: the alert's budget was spent. Counted once per alert. */
    ALERT_TOO_LARGE("alert_too_large"),
    /** An alert not processed: its post already had as many alerts, or as many bytes, as one post may publish. */
    POST_TOO_LARGE("post_too_large"),
    /** A firing alert published but not kept for snapshots and {@code /api/alerts}: the firing list is full. */
    FIRING_LIST_FULL("firing_list_full");

    private final String label;

    Truncation(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
