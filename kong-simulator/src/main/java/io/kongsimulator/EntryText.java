package io.kongsimulator;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kongsimulator.TrafficSample.Source;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The composed strings of an entry (URIs, {@code upstream_status}, header values), built in one
 * reused buffer and handed to the generator as characters, so that an entry allocates next to
 * nothing. Each composing method replaces the buffer's content. Not thread-safe.
 */
final class EntryText {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final StringBuilder text = new StringBuilder(256);
    private char[] chars = new char[256];
    private final char[] number = new char[24];
    private int numberLength;
    private long dateSecond = Long.MIN_VALUE;
    private String date;

    /** {@code request.uri}: the path and query as sent. */
    void uri(TrafficSample.Request request) {
        text.setLength(0);
        appendPathAndQuery(request.path(), request.query());
    }

    /** {@code request.url}: scheme, host, the listener's port, path and query. */
    void url(TrafficSample.Request request) {
        text.setLength(0);
        text.append(request.tls() ? "https://" : "http://").append(request.host())
                .append(request.tls() ? ":8443" : ":8000");
        appendPathAndQuery(request.path(), request.query());
    }

    /** {@code upstream_uri}: the service path, then the request path and query (strip_path off); "" without a route. */
    void upstreamUri(TrafficSample s) {
        text.setLength(0);
        if (s.route() == null) {
            return;
        }
        if (s.service().path() != null) {
            text.append(s.service().path());
        }
        appendPathAndQuery(s.request().path(), s.request().query());
    }

    /** {@code upstream_status}: one code per try, e.g. "502, 200"; "" when nothing was proxied. */
    void upstreamStatus(TrafficSample s) {
        text.setLength(0);
        int failed = s.source() == Source.KONG ? s.tries() : s.tries() - 1;
        for (int i = 0; i < failed; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(s.failedTryCode());
        }
        if (s.source() == Source.UPSTREAM) {
            if (failed > 0) {
                text.append(", ");
            }
            text.append(s.status());
        }
    }

    /** A whole number as a header value ("1432"). */
    void decimal(long value) {
        text.setLength(0);
        text.append(value);
    }

    /** An IPv4 address in 203.0.113.0/24 (documentation range) picked by {@code seed}. */
    void forwardedFor(int seed) {
        text.setLength(0);
        text.append("203.0.113.").append(1 + Math.floorMod(seed, 254));
    }

    /** The buffer as a JSON string value. */
    void writeTo(JsonGenerator g) throws IOException {
        int length = text.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        text.getChars(0, length, chars, 0);
        g.writeString(chars, 0, length);
    }

    /** Prepares {@code value} in lua-cjson's {@code %.14g} form for {@link #writeNumberTo}. */
    void luaNumber(long value) {
        numberLength = LuaNumberFormat.format(value, number);
    }

    void writeNumberTo(JsonGenerator g) throws IOException {
        g.writeNumber(number, 0, numberLength);
    }

    /** The {@code Date} header for an instant, formatted once per second. */
    String httpDate(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != dateSecond) {
            date = HTTP_DATE.format(Instant.ofEpochSecond(second));
            dateSecond = second;
        }
        return date;
    }

    private void appendPathAndQuery(String path, String query) {
        text.append(path);
        if (!query.isEmpty()) {
            text.append('?').append(query);
        }
    }
}
