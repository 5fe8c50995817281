package io.kongsimulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * {@code request.querystring} as Kong logs it ({@code ngx.req.get_uri_args}): {@code {}} when
 * empty, a string per argument, {@code true} for a bare flag, an array for a repeated name (in
 * the order of first appearance). Values are written as they appear, without percent-decoding.
 */
final class QueryString {

    private QueryString() {
    }

    static void write(JsonGenerator g, String query) throws IOException {
        g.writeStartObject();
        int length = query.length();
        int start = 0;
        while (start < length) {
            int end = end(query, start);
            int nameEnd = nameEnd(query, start, end);
            if (nameEnd > start && firstAt(query, start, nameEnd)) {
                writeArgument(g, query, start, nameEnd);
            }
            start = end + 1;
        }
        g.writeEndObject();
    }

    private static void writeArgument(JsonGenerator g, String query, int start, int nameEnd) throws IOException {
        g.writeFieldName(query.substring(start, nameEnd));
        int repeats = 0;
        for (int at = start; at < query.length(); at = end(query, at) + 1) {
            if (sameName(query, start, nameEnd, at)) {
                repeats++;
            }
        }
        if (repeats > 1) {
            g.writeStartArray();
        }
        for (int at = start; at < query.length(); at = end(query, at) + 1) {
            if (sameName(query, start, nameEnd, at)) {
                int end = end(query, at);
                int valueStart = at + (nameEnd - start) + 1;
                if (valueStart > end) {
                    g.writeBoolean(true);
                } else {
                    g.writeString(query.substring(valueStart, end));
                }
            }
        }
        if (repeats > 1) {
            g.writeEndArray();
        }
    }

    /** True when no earlier argument has this name. */
    private static boolean firstAt(String query, int start, int nameEnd) {
        for (int at = 0; at < start; at = end(query, at) + 1) {
            if (sameName(query, start, nameEnd, at)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameName(String query, int start, int nameEnd, int at) {
        int length = nameEnd - start;
        int end = end(query, at);
        return nameEnd(query, at, end) - at == length && query.regionMatches(at, query, start, length);
    }

    private static int end(String query, int start) {
        int amp = query.indexOf('&', start);
        return amp < 0 ? query.length() : amp;
    }

    private static int nameEnd(String query, int start, int end) {
        int eq = query.indexOf('=', start);
        return eq < 0 || eq > end ? end : eq;
    }
}
