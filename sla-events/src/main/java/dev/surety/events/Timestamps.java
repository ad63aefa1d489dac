package dev.surety.events;

import java.time.Instant;

/**
 * The one timestamp shape Surety's own events and agents' JSON carry in the common case,
 * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, read digit by digit. {@link Instant#parse}'s formatter costs more than the
 * rest of reading a small event; services on a hot path try this first and leave anything it refuses to
 * {@code Instant.parse} (or to their full reading), which then accepts or rejects it as before.
 */
public final class Timestamps {

    /** Days before the first of each month (1-12) in a common year. */
    private static final int[] DAYS_BEFORE = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    /** Days from 0000-01-01 to 1970-01-01 in the proleptic Gregorian calendar. */
    private static final long DAYS_0000_TO_1970 = 719_528L;

    private Timestamps() {
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} (years 0000-9999, hours 00-23, seconds 00-59, a real day of the month) as
     * the instant {@link Instant#parse} gives for it; null for any other text (offsets, lower case, a leap second,
     * 24:00, another number of digits, nonsense), which the caller then leaves to {@code Instant.parse}.
     */
    public static Instant utcInstant(CharSequence s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (s.charAt(19) != '.' || fraction < 1) {
                return null;
            }
            nanos = digits(s, 20, fraction);
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
        // Days since 0000-01-01: the leap days of the years before this one (year 0 is a leap year), then the months
        // and days of this year.
        long days = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400
                + DAYS_BEFORE[month] + (leap && month > 2 ? 1 : 0) + day - 1;
        return Instant.ofEpochSecond((days - DAYS_0000_TO_1970) * 86_400 + hour * 3_600L + minute * 60L + second,
                nanos);
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(CharSequence s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
