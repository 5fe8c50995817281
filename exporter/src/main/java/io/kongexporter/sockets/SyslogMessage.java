package io.kongexporter.sockets;

/**
 * Finds the MSG part of one syslog message, RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD [BOM]MSG},
 * SD being {@code -} or {@code [...]} elements) or RFC 3164 ({@code <PRI>Mmm dd hh:mm:ss HOST TAG[pid]: MSG}, also
 * with an RFC 3339 timestamp as rsyslog's forward formats write it, or without host). Pure: no I/O, no allocation.
 */
final class SyslogMessage {
    private static final int MAX_PRI_DIGITS = 3;

    private SyslogMessage() {}

    /** Not a syslog message: no {@code <PRI>}, or an RFC 5424 header cut short. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Where the MSG starts in {@code bytes[offset, end)}; it runs to {@code end}.
     *
     * @throws Malformed not a syslog message
     */
    static int msgStart(byte[] bytes, int offset, int end) throws Malformed {
        int i = offset;
        if (i >= end || bytes[i] != '<') {
            throw new Malformed("no <PRI>");
        }
        int digits = 0;
        for (i++; i < end && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            digits++;
        }
        if (digits == 0 || digits > MAX_PRI_DIGITS || i >= end || bytes[i] != '>') {
            throw new Malformed("no <PRI>");
        }
        i++;
        if (i + 1 < end && bytes[i] == '1' && bytes[i + 1] == ' ') {
            return rfc5424(bytes, i + 2, end);
        }
        return rfc3164(bytes, i, end);
    }

    private static int rfc5424(byte[] bytes, int i, int end) throws Malformed {
        for (int field = 0; field < 5; field++) {
            while (i < end && bytes[i] != ' ') {
                i++;
            }
            if (i >= end) {
                throw new Malformed("RFC 5424 header cut short");
            }
            i++;
        }
        if (i < end && bytes[i] == '-') {
            i++;
        } else {
            if (i >= end || bytes[i] != '[') {
                throw new Malformed("RFC 5424 structured data is neither - nor [...]");
            }
            while (i < end && bytes[i] == '[') {
                i = elementEnd(bytes, i, end);
            }
        }
        if (i < end && bytes[i] == ' ') {
            i++;
        }
        if (i + 2 < end && (bytes[i] & 0xff) == 0xEF && (bytes[i + 1] & 0xff) == 0xBB && (bytes[i + 2] & 0xff) == 0xBF) {
            i += 3;
        }
        return i;
    }

    /** After an SD-ELEMENT's closing {@code ]}; inside quoted values {@code \"}, {@code \\} and {@code \]} are escapes. */
    private static int elementEnd(byte[] bytes, int i, int end) throws Malformed {
        boolean quoted = false;
        for (i++; i < end; i++) {
            byte b = bytes[i];
            if (quoted && b == '\\') {
                i++;
            } else if (b == '"') {
                quoted = !quoted;
            } else if (b == ']' && !quoted) {
                return i + 1;
            }
        }
        throw new Malformed("RFC 5424 structured data element not closed");
    }

    /** After the timestamp, the tag is the first of (at most) two words ending in ':'; a word starting a JSON value is the MSG. */
    private static int rfc3164(byte[] bytes, int i, int end) {
        i = afterTimestamp(bytes, i, end);
        int start = i;
        for (int word = 0; word < 2 && i < end; word++) {
            if (bytes[i] == '{' || bytes[i] == '[') {
                return i;
            }
            int wordEnd = i;
            while (wordEnd < end && bytes[wordEnd] != ' ') {
                wordEnd++;
            }
            if (wordEnd > i && bytes[wordEnd - 1] == ':') {
                return wordEnd < end ? wordEnd + 1 : end;
            }
            i = wordEnd < end ? wordEnd + 1 : end;
        }
        return start;
    }

    /** Skips {@code Mmm dd hh:mm:ss } or an RFC 3339 timestamp ({@code 2026-11-29T23:00:00.123+00:00 }), when one is there. */
    private static int afterTimestamp(byte[] bytes, int i, int end) {
        if (i + 16 <= end && bytes[i + 3] == ' ' && bytes[i + 6] == ' ' && bytes[i + 9] == ':' && bytes[i + 12] == ':' && bytes[i + 15] == ' '
                && Character.isLetter(bytes[i])) {
            return i + 16;
        }
        if (i + 11 <= end && Character.isDigit(bytes[i]) && bytes[i + 4] == '-' && bytes[i + 10] == 'T') {
            while (i < end && bytes[i] != ' ') {
                i++;
            }
            return i < end ? i + 1 : end;
        }
        return i;
    }
}
