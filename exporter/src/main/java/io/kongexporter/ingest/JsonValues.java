package io.kongexporter.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;

/**
 * Reads the value at the parser's current token the way Kong's lua-cjson writes it, or skips it.
 * A value of the wrong type throws {@link InvalidEntryException} naming the field; a JSON null
 * counts as absent.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** A scalar as text (numbers and booleans keep their JSON text); null for JSON null. */
    static String text(JsonParser p, String field) throws IOException, InvalidEntryException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_STRING) {
            return string(p);
        }
        if (t.isScalarValue()) {
            return p.getText();
        }
        throw wrongType(field, t);
    }

    /** The current string token's text, within the string length limit. */
    static String string(JsonParser p) throws IOException {
        checkStringLength(p);
        return p.getText();
    }

    /** A number, also from a numeric string; NaN for JSON null. */
    static double number(JsonParser p, String field) throws IOException, InvalidEntryException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (t == JsonToken.VALUE_STRING) {
            double value = parseNumericText(string(p));
            if (Double.isNaN(value)) {
                throw new InvalidEntryException(field + " is a string that is not a number");
            }
            return value;
        }
        throw wrongType(field, t);
    }

    /** A whole number (sizes, epoch ms), also from a numeric string or exponent form; -1 for JSON null. */
    static long wholeNumber(JsonParser p, String field) throws IOException, InvalidEntryException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return -1;
        }
        double value = number(p, field);
        if (Double.isInfinite(value) || Math.abs(value) >= 0x1p63) {
            throw new InvalidEntryException(field + " is out of range");
        }
        return (long) value;
    }

    /** A status code: a whole JSON number from 0 to 999 (never a string, Kong always sends a number). */
    static int status(JsonParser p, String field) throws IOException, InvalidEntryException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType(field, t);
        }
        double value = p.getDoubleValue();
        if (value < 0 || value > 999 || value != Math.rint(value)) {
            throw new InvalidEntryException(field + " is not a status code");
        }
        return (int) value;
    }

    /** Whether the current token opens an object; false for null; anything else is the wrong type. */
    static boolean object(JsonParser p, String field) throws InvalidEntryException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrongType(field, t);
    }

    /**
     * Skips the current value, nested ones included, with Jackson's {@link JsonParser#skipChildren()}: a skipped
     * string is never decoded (Jackson only scans its bytes for the closing quote), so skipping costs no memory and a
     * fraction of reading. The string length limit is therefore enforced on every value that is read (labels, ids,
     * field names), not on skipped ones, which the body cap bounds; nesting depth is enforced on everything.
     */
    static void skip(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            if (p.currentToken() == null) {
                throw new JsonEOFException(p, null, "Unexpected end-of-input while skipping a value");
            }
        }
    }

    /**
     * Finishes the current string token and enforces {@code maxStringLength} exactly: Jackson
     * itself checks it only when its text buffer grows, so it lets somewhat longer strings pass.
     */
    private static void checkStringLength(JsonParser p) throws IOException {
        int length = p.getTextLength();
        int max = p.streamReadConstraints().getMaxStringLength();
        if (length > max) {
            throw new StreamConstraintsException("String value length (" + length
                    + ") exceeds the maximum allowed (" + max + ")", p.currentTokenLocation());
        }
    }

    static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    private static InvalidEntryException wrongType(String field, JsonToken t) {
        return new InvalidEntryException(field + " is " + describe(t));
    }

    /** The value of a string holding a JSON number ("187", "-1", "1.5e3"); NaN for anything else. */
    static double parseNumericText(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        int digits = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digits) {
            return Double.NaN;
        }
        if (i < n && s.charAt(i) == '.') {
            int fraction = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == fraction) {
                return Double.NaN;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == exponent) {
                return Double.NaN;
            }
        }
        return i == n && n <= 64 ? Double.parseDouble(s) : Double.NaN;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
