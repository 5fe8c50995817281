package io.kongsimulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code ?size=&offset=} of a paginated Admin API collection: 100 rows by default, at most 1000,
 * and an opaque base64 offset that {@code next} hands back as a relative URL.
 */
record PageRequest(int from, int size) {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;

    static PageRequest parse(QueryParams query) {
        return new PageRequest(parseOffset(query.get("offset")), parseSize(query.get("size")));
    }

    /** Index just past this page within {@code total} rows. */
    int to(int total) {
        return (int) Math.min(total, (long) from + size);
    }

    /** {@code next} for this page of {@code total} rows at {@code path}, or {@code null} on the last page. */
    String next(String path, int total) {
        int to = to(total);
        if (to >= total) {
            return null;
        }
        String token = Base64.getEncoder().encodeToString(("[" + to + "]").getBytes(StandardCharsets.UTF_8));
        return path + "?offset=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static int parseSize(String value) {
        if (value == null) {
            return DEFAULT_SIZE;
        }
        int size;
        try {
            size = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new AdminApiException(400, "size must be a number");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new AdminApiException(400, "size must be an integer between 1 and " + MAX_SIZE);
        }
        return size;
    }

    private static int parseOffset(String value) {
        if (value == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            if (decoded.startsWith("[") && decoded.endsWith("]")) {
                int from = Integer.parseInt(decoded.substring(1, decoded.length() - 1));
                if (from >= 0) {
                    return from;
                }
            }
        } catch (IllegalArgumentException e) {
            throw new AdminApiException(400, "'" + value + "' is not a valid offset: bad base64 encoding");
        }
        throw new AdminApiException(400, "'" + value + "' is not a valid offset: bad offset");
    }
}
