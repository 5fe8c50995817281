package io.kongexporter.config;

/**
 * A URL as config errors may print it: whatever could be credentials ({@code user:password@}) is replaced by
 * {@code ***}, in any shape, valid or not (with a query, a fragment, a space, another scheme, no host, no scheme).
 * Everything up to the last {@code @} of the text after the scheme counts as credentials: a password may hold
 * {@code /}, {@code ?}, {@code #} or {@code @} itself, and hiding too much of a broken URL costs nothing.
 */
final class RedactedUrl {
    private RedactedUrl() {}

    static String of(String url) {
        if (url == null) {
            return "null";
        }
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int at = url.lastIndexOf('@');
        if (at < start) {
            return url;
        }
        return url.substring(0, start) + "***" + url.substring(at);
    }
}
