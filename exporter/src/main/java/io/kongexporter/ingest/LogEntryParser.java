package io.kongexporter.ingest;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns an http-log POST body into {@link LogEntry}s with Jackson's streaming parser: only the
 * fields the metrics need are read, everything else is skipped, no tree is built.
 *
 * <p>A body is one entry object, an array of entry objects (a Kong batch), or entry objects one
 * after another separated by whitespace (NDJSON). Errors come in two sizes:
 * <ul>
 *   <li>an entry with a field of the wrong type, or without a status, is skipped and counted in
 *       {@link LogBatch#invalidEntries()}; the rest of the body is still read;</li>
 *   <li>a body that is not JSON, is truncated, breaks a {@link Limits limit} or has a top-level
 *       scalar throws {@link LogParseException}, and nothing of it is returned: the whole body is
 *       parsed before anything is handed back.</li>
 * </ul>
 * Invalid UTF-8 (Kong copies header bytes as they came) is replaced by {@code '?'}, not rejected.
 *
 * <p>Thread-safe; build one and share it.
 */
public final class LogEntryParser {

    /** Limits applied to every body, skipped values included. */
    public record Limits(int maxNestingDepth, int maxStringLength) {

        public static final Limits DEFAULTS = new Limits(64, 1024 * 1024);

        public Limits {
            if (maxNestingDepth < 2) {
                throw new IllegalArgumentException("maxNestingDepth must be at least 2, got " + maxNestingDepth);
            }
            if (maxStringLength < 1) {
                throw new IllegalArgumentException("maxStringLength must be positive, got " + maxStringLength);
            }
        }
    }

    private static final int MAX_QUOTED_INPUT = 40;

    private final Set<String> extraFieldAllowlist;
    private final Limits limits;
    private final JsonFactory factory;

    /**
     * @param extraFieldAllowlist top-level fields to keep in {@link LogEntry#extraFields()} (e.g.
     *                            {@code connection_type} added by {@code custom_fields_by_lua});
     *                            fields this parser reads itself are not looked up there
     * @param limits              nesting depth and string length limits
     */
    public LogEntryParser(Set<String> extraFieldAllowlist, Limits limits) {
        this.extraFieldAllowlist = Set.copyOf(extraFieldAllowlist);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxStringLength())
                        .build())
                .errorReportConfiguration(ErrorReportConfiguration.builder()
                        .maxErrorTokenLength(MAX_QUOTED_INPUT)
                        .maxRawContentLength(0)
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
    }

    /**
     * Parses {@code body[offset, offset + length)}.
     *
     * @return the valid entries and the number of skipped ones; an empty body gives no entries
     * @throws LogParseException the body as a whole is unusable; the message names the byte offset
     */
    public LogBatch parse(byte[] body, int offset, int length) throws LogParseException {
        Objects.checkFromIndexSize(offset, length, body.length);
        Progress progress = new Progress();
        try {
            return read(body, offset, length, progress);
        } catch (JsonEOFException | StreamConstraintsException e) {
            throw describe(e, length, progress);
        } catch (JsonParseException e) {
            // Jackson refuses invalid UTF-8 even in strings it skips: retry once with such bytes replaced
            byte[] sanitized = Utf8Sanitizer.replaceInvalid(body, offset, length);
            if (sanitized == null) {
                throw describe(e, length, progress);
            }
            Progress retry = new Progress();
            try {
                return read(sanitized, 0, length, retry);
            } catch (IOException again) {
                throw describe(again, length, retry);
            }
        } catch (IOException e) {
            throw describe(e, length, progress);
        }
    }

    private LogBatch read(byte[] body, int offset, int length, Progress progress)
            throws IOException, LogParseException {
        EntryReader reader = new EntryReader(extraFieldAllowlist);
        try (JsonParser p = factory.createParser(body, offset, length)) {
            try {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t == JsonToken.START_OBJECT) {
                        readEntry(p, reader, progress);
                    } else if (t == JsonToken.START_ARRAY) {
                        readArray(p, reader, progress);
                    } else {
                        throw new LogParseException("body must hold objects or arrays of objects, found "
                                + JsonValues.describe(t) + " at top level at byte "
                                + p.currentTokenLocation().getByteOffset());
                    }
                }
            } catch (StreamConstraintsException e) {
                progress.failedAtByte = (e.getLocation() != null ? e.getLocation() : p.currentTokenLocation())
                        .getByteOffset();
                throw e;
            }
        }
        return new LogBatch(progress.entries, progress.invalid, progress.firstInvalidReason);
    }

    private static void readArray(JsonParser p, EntryReader reader, Progress progress) throws IOException {
        progress.insideArray = true;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonEOFException(p, null, "Unexpected end-of-input inside an array");
            }
            if (t == JsonToken.START_OBJECT) {
                readEntry(p, reader, progress);
            } else {
                JsonValues.skip(p);
                progress.invalid("is " + JsonValues.describe(t) + ", not an object");
            }
        }
        progress.insideArray = false;
    }

    private static void readEntry(JsonParser p, EntryReader reader, Progress progress) throws IOException {
        progress.insideEntry = true;
        try {
            progress.entries.add(reader.read(p));
        } catch (InvalidEntryException e) {
            progress.invalid(e.getMessage());
        }
        progress.insideEntry = false;
    }

    private LogParseException describe(IOException e, int length, Progress progress) {
        long at = e instanceof JsonProcessingException jsonError && jsonError.getLocation() != null
                ? jsonError.getLocation().getByteOffset() : -1;
        // Jackson reports some ends of input (e.g. inside an array) as plain syntax errors
        if (e instanceof JsonEOFException || (e instanceof JsonParseException && at >= length)) {
            String where = progress.insideEntry ? "inside an entry"
                    : progress.insideArray ? "inside the array" : "inside a value";
            return new LogParseException("body is truncated: unexpected end of input " + where
                    + " (after " + progress.entriesSeen() + ")");
        }
        if (e instanceof StreamConstraintsException) {
            String atByte = " at byte " + progress.failedAtByte;
            String message = String.valueOf(((StreamConstraintsException) e).getOriginalMessage());
            if (message.contains("nesting depth")) {
                return new LogParseException("body is nested too deep: nesting deeper than "
                        + limits.maxNestingDepth() + " levels" + atByte);
            }
            if (message.contains("String value length") || message.contains("Name length")) {
                return new LogParseException("body has a string longer than "
                        + limits.maxStringLength() + " characters" + atByte);
            }
            return new LogParseException("body exceeds a parser limit" + atByte + ": " + printable(message));
        }
        if (e instanceof JsonParseException parseError) {
            return new LogParseException("body is not JSON: " + printable(parseError.getOriginalMessage())
                    + " at byte " + at + " (after " + progress.entriesSeen() + ")");
        }
        // The body is in memory: any other read error is a decoding one, e.g. bytes that look like UTF-16/32
        // to Jackson's encoding detection (Kong always sends UTF-8). Found by ParserFuzzTest.
        return new LogParseException("body is not UTF-8 JSON: " + printable(e.getMessage()) + " (after " + progress.entriesSeen() + ")");
    }

    /** Jackson's reason, first letter lowered, control characters replaced, length capped. */
    private static String printable(String reason) {
        if (reason == null || reason.isEmpty()) {
            return "malformed input";
        }
        StringBuilder out = new StringBuilder(Math.min(reason.length(), 200));
        for (int i = 0; i < reason.length() && out.length() < 200; i++) {
            char c = reason.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : i == 0 ? Character.toLowerCase(c) : c);
        }
        return reason.length() > 200 ? out.append('…').toString() : out.toString();
    }

    /** What one pass over a body has collected so far. */
    private static final class Progress {
        final List<LogEntry> entries = new ArrayList<>();
        int invalid;
        String firstInvalidReason;
        boolean insideArray;
        boolean insideEntry;
        long failedAtByte = -1;

        int entriesRead() {
            return entries.size() + invalid;
        }

        String entriesSeen() {
            int read = entriesRead();
            return read == 1 ? "1 entry" : read + " entries";
        }

        void invalid(String reason) {
            if (firstInvalidReason == null) {
                firstInvalidReason = "entry " + (entriesRead() + 1) + ": " + reason;
            }
            invalid++;
        }
    }
}
