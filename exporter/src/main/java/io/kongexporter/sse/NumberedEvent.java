package io.kongexporter.sse;

/** An event as sent: its id in this stream and its data rendered once. */
record NumberedEvent(long id, LiveEvent event, String data) {
    static NumberedEvent of(long id, LiveEvent event) {
        return new NumberedEvent(id, event, event.data());
    }
}
