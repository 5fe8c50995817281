package io.kongexporter.ingest;

import java.util.Arrays;

/**
 * Replaces bytes that are not well-formed UTF-8 with {@code '?'}. Kong copies request header values
 * as raw bytes into the log, so such bytes turn up inside strings the parser only wants to skip;
 * Jackson refuses them even there. One byte is replaced by one byte, so byte offsets in error
 * messages still point into the original body.
 */
final class Utf8Sanitizer {

    private Utf8Sanitizer() {
    }

    /**
     * A copy of {@code body[offset, offset + length)} with each byte that does not belong to a
     * well-formed UTF-8 sequence (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF)
     * replaced by {@code '?'}; null when the range is already well-formed.
     */
    static byte[] replaceInvalid(byte[] body, int offset, int length) {
        byte[] copy = null;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (body[i] >= 0) {
                i++;
                continue;
            }
            int sequence = wellFormedLength(body, i, end);
            if (sequence > 0) {
                i += sequence;
                continue;
            }
            if (copy == null) {
                copy = Arrays.copyOfRange(body, offset, end);
            }
            copy[i - offset] = '?';
            i++;
        }
        return copy;
    }

    /** Length of the well-formed multi-byte sequence starting at {@code i}, or 0. */
    private static int wellFormedLength(byte[] b, int i, int end) {
        int lead = b[i] & 0xFF;
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                secondMin = 0xA0;
            } else if (lead == 0xED) {
                secondMax = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                secondMin = 0x90;
            } else if (lead == 0xF4) {
                secondMax = 0x8F;
            }
        } else {
            return 0;
        }
        if (i + length > end) {
            return 0;
        }
        int second = b[i + 1] & 0xFF;
        if (second < secondMin || second > secondMax) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int next = b[i + k] & 0xFF;
            if (next < 0x80 || next > 0xBF) {
                return 0;
            }
        }
        return length;
    }
}
