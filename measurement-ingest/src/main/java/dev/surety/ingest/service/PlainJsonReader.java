package dev.surety.ingest.service;

import dev.surety.events.RawMetric;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the plain shape of Surety's raw metric JSON straight from its bytes: one object or a non-empty array of
 * objects, each with nothing but the known fields, each at most once; strings of ASCII (escapes allowed), labels an
 * object of strings, counts plain integers of up to 18 digits, timestamps in the {@code yyyy-MM-ddTHH:mm:ss[.f]Z}
 * form. That is what agents send, and it was the largest share of our own work per record when read through a
 * general JSON parser. For anything else (raw non-ASCII bytes, other types, unknown or repeated fields, malformed
 * JSON) {@link #read} returns null and {@link RawMetricParser} reads the payload as before, so every problem is still
 * worded there; for what it accepts it yields exactly what that reading yields.
 */
final class PlainJsonReader {

    private static final byte[] ID = ascii("id");
    private static final byte[] SOURCE = ascii("source");
    private static final byte[] SERVICE = ascii("service");
    private static final byte[] METRIC = ascii("metric");
    private static final byte[] LABELS = ascii("labels");
    private static final byte[] TIMESTAMP = ascii("timestamp");
    private static final byte[] VALUE = ascii("value");
    private static final byte[] GOOD = ascii("good");
    private static final byte[] TOTAL = ascii("total");

    /** Cumulative days before each month of a common year (index 1 = January). */
    private static final int[] DAYS_BEFORE = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    /** Days from 0000-01-01 to 1970-01-01 in the proleptic Gregorian calendar. */
    private static final long DAYS_0000_TO_1970 = 719_528L;

    /**
     * Thrown wherever the payload turns out not to be plain, caught in {@link #read}: one instance, without a stack
     * trace, as it only ever means "leave it to the general reading".
     */
    private static final RuntimeException NOT_PLAIN = new RuntimeException("not plain", null, false, false) {
    };

    private final byte[] b;
    private int pos;
    /** The integer {@link #number} read last. */
    private long integer;
    /** Where the number {@link #number} read last starts. */
    private int numberStart;

    private PlainJsonReader(byte[] b) {
        this.b = b;
    }

    /** The samples of a plain payload, or null when it is not plain (the general reading then decides). */
    static List<Sample> read(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        try {
            return new PlainJsonReader(payload).payload();
        } catch (RuntimeException e) {
            // NOT_PLAIN, or truncated input (index out of range), a number BigDecimal refuses, a label named twice
            // (Map.of): the general reading judges it.
            return null;
        }
    }

    private List<Sample> payload() {
        int c = skipWhitespace();
        pos++;
        List<Sample> samples;
        if (c == '{') {
            samples = List.of(new Sample(0, "", object(), List.of()));
        } else if (c == '[') {
            samples = new ArrayList<>();
            do {
                // Also an empty array: "samples: must not be empty" is worded by the general reading.
                expect('{');
                int i = samples.size();
                samples.add(new Sample(i, "samples[" + i + "]", object(), List.of()));
            } while (more(']'));
        } else {
            throw NOT_PLAIN;
        }
        if (skipWhitespace() != -1) {
            throw NOT_PLAIN;
        }
        return samples;
    }

    /** One sample object, just past its '{'. */
    private RawMetric object() {
        SampleFields f = new SampleFields();
        if (skipWhitespace() == '}') {
            pos++;
            return f.metric();
        }
        do {
            expect('"');
            int field = fieldName();
            if (!f.first(field)) {
                throw NOT_PLAIN;
            }
            expect(':');
            int c = skipWhitespace();
            if (c == 'n') {
                literalNull();
            } else if (field == SampleFields.LABELS) {
                expect('{');
                f.labels = labels();
            } else if (field == SampleFields.VALUE) {
                f.value = number() ? (double) integer : decimal();
            } else if (field == SampleFields.GOOD || field == SampleFields.TOTAL) {
                if (!number()) {
                    throw NOT_PLAIN;
                }
                f.count(field, integer);
            } else if (field == SampleFields.TIMESTAMP) {
                expect('"');
                f.timestamp = instant();
            } else {
                expect('"');
                f.text(field, string());
            }
        } while (more('}'));
        return f.metric();
    }

    /** A labels object of string values, just past its '{'; immutable, as {@link RawMetric} keeps it. */
    private Map<String, String> labels() {
        if (skipWhitespace() == '}') {
            pos++;
            return Map.of();
        }
        String[] kv = new String[8];
        int n = 0;
        do {
            if (n == kv.length) {
                kv = java.util.Arrays.copyOf(kv, n * 2);
            }
            expect('"');
            kv[n++] = string();
            expect(':');
            expect('"');
            kv[n++] = string();
        } while (more('}'));
        // Map.of refuses a key given twice (IllegalArgumentException): left to the general reading, as before.
        return switch (n) {
            case 2 -> Map.of(kv[0], kv[1]);
            case 4 -> Map.of(kv[0], kv[1], kv[2], kv[3]);
            case 6 -> Map.of(kv[0], kv[1], kv[2], kv[3], kv[4], kv[5]);
            default -> {
                @SuppressWarnings("unchecked")
                Map.Entry<String, String>[] entries = new Map.Entry[n / 2];
                for (int i = 0; i < n; i += 2) {
                    entries[i / 2] = Map.entry(kv[i], kv[i + 1]);
                }
                yield Map.ofEntries(entries);
            }
        };
    }

    /** Past {@code c}, after any whitespace. */
    private void expect(char c) {
        if (skipWhitespace() != c) {
            throw NOT_PLAIN;
        }
        pos++;
    }

    /** Past the separator after a member of an object or array: true after a comma, false after {@code close}. */
    private boolean more(char close) {
        int c = skipWhitespace();
        pos++;
        if (c == ',') {
            return true;
        }
        if (c != close) {
            throw NOT_PLAIN;
        }
        return false;
    }

    /** The next byte that is not JSON whitespace (pos left on it), or -1 at the end. */
    private int skipWhitespace() {
        while (pos < b.length) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c;
            }
            pos++;
        }
        return -1;
    }

    private void literalNull() {
        if (b[pos + 1] != 'u' || b[pos + 2] != 'l' || b[pos + 3] != 'l') {
            throw NOT_PLAIN;
        }
        pos += 4;
    }

    /** A field name, just past its opening quote, up to and past its closing quote: its flag, 0 if unknown. */
    private int fieldName() {
        int start = pos;
        while (b[pos] != '"') {
            if (b[pos] == '\\') {
                return 0; // escaped names: the general reading
            }
            pos++;
        }
        int len = pos - start;
        pos++;
        return switch (len) {
            case 2 -> is(ID, start) ? SampleFields.ID : 0;
            case 4 -> is(GOOD, start) ? SampleFields.GOOD : 0;
            case 5 -> is(VALUE, start) ? SampleFields.VALUE : is(TOTAL, start) ? SampleFields.TOTAL : 0;
            case 6 -> is(SOURCE, start) ? SampleFields.SOURCE
                    : is(METRIC, start) ? SampleFields.METRIC
                    : is(LABELS, start) ? SampleFields.LABELS : 0;
            case 7 -> is(SERVICE, start) ? SampleFields.SERVICE : 0;
            case 9 -> is(TIMESTAMP, start) ? SampleFields.TIMESTAMP : 0;
            default -> 0;
        };
    }

    private boolean is(byte[] name, int start) {
        for (int i = 0; i < name.length; i++) {
            if (b[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A string, just past its opening quote, up to and past its closing quote; not plain if it holds a raw control
     * character or non-ASCII byte (JSON's rules and UTF-8 decoding are the general reading's) or an escape JSON does
     * not define.
     */
    private String string() {
        int start = pos;
        while (true) {
            byte c = b[pos];
            if (c == '"') {
                pos++;
                return new String(b, start, pos - 1 - start, StandardCharsets.ISO_8859_1);
            }
            if (c == '\\') {
                return escaped(start);
            }
            if (c < 0x20) { // also every byte >= 0x80 (negative)
                throw NOT_PLAIN;
            }
            pos++;
        }
    }

    /** The rest of a string with escapes, {@code pos} on the first backslash. */
    private String escaped(int start) {
        StringBuilder sb = new StringBuilder(pos - start + 16);
        sb.append(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
        while (true) {
            byte c = b[pos++];
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw NOT_PLAIN;
            }
            if (c != '\\') {
                sb.append((char) c);
                continue;
            }
            byte e = b[pos++];
            switch (e) {
                case '"', '\\', '/' -> sb.append((char) e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    int ch = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(b[pos++], 16);
                        if (d < 0) {
                            throw NOT_PLAIN;
                        }
                        ch = ch << 4 | d;
                    }
                    sb.append((char) ch);
                }
                default -> {
                    throw NOT_PLAIN;
                }
            }
        }
    }

    /**
     * A JSON number at {@code pos}: true for an integer of up to 18 digits, then in {@link #integer}; false for one
     * with a fraction or exponent, which {@link #decimal} then reads. Not plain if it is no JSON number, or an integer
     * too long to be sure it fits a long (the general reading takes those).
     */
    private boolean number() {
        numberStart = pos;
        boolean negative = b[pos] == '-';
        if (negative) {
            pos++;
        }
        int first = pos;
        if (b[pos] == '0') {
            pos++;
        } else if (b[pos] >= '1' && b[pos] <= '9') {
            while (pos < b.length && isDigit(b[pos])) {
                pos++;
            }
        } else {
            throw NOT_PLAIN;
        }
        int intDigits = pos - first;
        boolean integral = true;
        if (pos < b.length && b[pos] == '.') {
            integral = false;
            pos++;
            digits();
        }
        if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
            integral = false;
            pos++;
            if (b[pos] == '+' || b[pos] == '-') {
                pos++;
            }
            digits();
        }
        if (!integral) {
            return false;
        }
        if (intDigits > 18) {
            throw NOT_PLAIN;
        }
        long v = 0;
        for (int i = first; i < first + intDigits; i++) {
            v = v * 10 + (b[i] - '0');
        }
        integer = negative ? -v : v;
        return true;
    }

    /** As the general reading takes a fraction: a BigDecimal of the exact text, then its double. */
    private double decimal() {
        return new BigDecimal(new String(b, numberStart, pos - numberStart, StandardCharsets.ISO_8859_1)).doubleValue();
    }

    /** One or more digits. */
    private void digits() {
        int start = pos;
        while (pos < b.length && isDigit(b[pos])) {
            pos++;
        }
        if (pos == start) {
            throw NOT_PLAIN;
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** A timestamp string, just past its opening quote, up to and past its closing quote. */
    private Instant instant() {
        int start = pos;
        while (b[pos] != '"') {
            pos++;
        }
        pos++;
        Instant t = plainInstant(b, start, pos - 1 - start);
        if (t == null) {
            throw NOT_PLAIN;
        }
        return t;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} (years 0000–9999, hours 00–23, seconds 00–59) as an instant, exactly as
     * {@link Instant#parse} gives it; null for any other text.
     */
    static Instant plainInstant(byte[] s, int from, int n) {
        if (n < 20 || n > 30 || s[from + n - 1] != 'Z' || s[from + 4] != '-' || s[from + 7] != '-'
                || s[from + 10] != 'T' || s[from + 13] != ':' || s[from + 16] != ':') {
            return null;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        int hour = digits(s, from + 11, 2);
        int minute = digits(s, from + 14, 2);
        int second = digits(s, from + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (s[from + 19] != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(s, from + 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        int monthLength = month == 2 ? (leap ? 29 : 28)
                : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        if (day > monthLength) {
            return null;
        }
        // Days since 0000-01-01: whole years (leap days of years before this one; year 0 is a leap year), then
        // months and days of this year.
        long days = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400
                + DAYS_BEFORE[month] + (leap && month > 2 ? 1 : 0) + day - 1;
        long epochSecond = (days - DAYS_0000_TO_1970) * 86_400 + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(byte[] s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            byte c = s[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
