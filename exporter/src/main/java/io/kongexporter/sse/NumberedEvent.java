package io.kongexporter.sse;

/**
 * An event as sent: its id in this stream, its data rendered once and the size of that data in UTF-8 bytes (what
 * the replay buffer and the subscriber queues are bounded by). Ids are numbers, except those of the snapshot events
 * before the last one, which are {@code <position>.<index>}: resuming from one of them gets a fresh snapshot.
 */
record NumberedEvent(String id, LiveEvent event, String data, long bytes) {
    static NumberedEvent of(long id, LiveEvent event) {
        String data = event.data();
        return new NumberedEvent(Long.toString(id), event, data, utf8Length(data));
    }

    /** The same event under another id (a snapshot event), rendered once already. */
    NumberedEvent withId(String other) {
        return new NumberedEvent(other, event, data, bytes);
    }

    static long utf8Length(String s) {
        long bytes = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x800) {
                bytes += Character.isSurrogate(c) ? 1 : 2;
            } else if (c >= 0x80) {
                bytes += 1;
            }
        }
        return bytes;
    }
}
