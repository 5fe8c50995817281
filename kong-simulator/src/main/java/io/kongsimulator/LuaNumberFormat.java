package io.kongsimulator;

/**
 * Whole numbers the way lua-cjson prints them ({@code %.14g}): up to 14 digits as they are, longer
 * ones rounded (half to even, like C's printf) to 14 significant digits in exponent form without
 * trailing zeros, e.g. 1750156812347100000 becomes {@code 1.7501568123471e+18} (how
 * {@code balancer_start_ns} always arrives).
 */
final class LuaNumberFormat {

    private static final int PRECISION = 14;
    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private LuaNumberFormat() {
    }

    /**
     * Writes {@code value} (not negative) into {@code out} from index 0.
     *
     * @return the number of characters written (at most 20)
     */
    static int format(long value, char[] out) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        int digits = digits(value);
        if (digits <= PRECISION) {
            return writeDigits(value, digits, out, 0);
        }
        int exponent = digits - 1;
        long scale = POWERS[digits - PRECISION];
        long mantissa = value / scale;
        long twiceRest = (value % scale) * 2;
        if (twiceRest > scale || (twiceRest == scale && (mantissa & 1) == 1)) {
            mantissa++;
        }
        if (mantissa == POWERS[PRECISION]) {
            mantissa = POWERS[PRECISION - 1];
            exponent++;
        }
        int kept = PRECISION;
        while (mantissa % 10 == 0) {
            mantissa /= 10;
            kept--;
        }
        int at = 0;
        out[at++] = (char) ('0' + mantissa / POWERS[kept - 1]);
        if (kept > 1) {
            out[at++] = '.';
            at += writeDigits(mantissa % POWERS[kept - 1], kept - 1, out, at);
        }
        out[at++] = 'e';
        out[at++] = '+';
        return at + writeDigits(exponent, 2, out, at);
    }

    private static int digits(long value) {
        int digits = 1;
        while (digits < POWERS.length && value >= POWERS[digits]) {
            digits++;
        }
        return digits;
    }

    /** {@code value} as exactly {@code width} digits, zero-padded on the left. */
    private static int writeDigits(long value, int width, char[] out, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return width;
    }
}
