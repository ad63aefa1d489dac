package dev.surety.agreement.openslo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenSLO's duration-shorthand ({@code 5m}, {@code 1h}, {@code 30d}, {@code 4w}, {@code 1M}) and the
 * exact, reversible mapping between it and Surety's ISO-8601 values. Surety writes only whole minutes,
 * hours and days; anything finer goes into the Agreement document instead, so nothing is rounded.
 */
final class Shorthand {

    static final Pattern SHORTHAND = Pattern.compile("([0-9]+)([mhdwMQY])");
    private static final Pattern DAYS = Pattern.compile("P([1-9][0-9]*)D");
    private static final Pattern HOURS = Pattern.compile("PT([1-9][0-9]*)H");
    private static final Pattern MINUTES = Pattern.compile("PT([1-9][0-9]*)M");

    private Shorthand() {
    }

    /** The shorthand of a duration, or null when it is not a whole number of minutes. */
    static String format(Duration d) {
        if (d == null || d.isNegative() || d.getNano() != 0 || d.getSeconds() % 60 != 0) {
            return null;
        }
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return "0m";
        }
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        if (minutes % 60 == 0) {
            return minutes / 60 + "h";
        }
        return minutes + "m";
    }

    /** A fixed-length shorthand (m, h, d, w) as a duration; months, quarters and years have no fixed length. */
    static Duration parse(String s) {
        Matcher m = SHORTHAND.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a duration shorthand such as 5m, 1h, 7d or 4w");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is too large");
        }
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> throw new IllegalArgumentException(
                    "'" + s + "' has no fixed length; use minutes, hours, days or weeks (m, h, d, w)");
        };
    }

    /** The rolling-window shorthand of a Surety period string ({@code P30D} → {@code 30d}), or null when none is exact. */
    static String rollingOf(String period) {
        Matcher m = DAYS.matcher(period);
        if (m.matches()) {
            return m.group(1) + "d";
        }
        m = HOURS.matcher(period);
        if (m.matches()) {
            return m.group(1) + "h";
        }
        m = MINUTES.matcher(period);
        if (m.matches()) {
            return m.group(1) + "m";
        }
        return null;
    }

    /** The Surety period string of a rolling window ({@code 30d} → {@code P30D}, {@code 4w} → {@code P28D}). */
    static String periodOf(String shorthand) {
        Duration d = parse(shorthand);
        if (d.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        Matcher m = SHORTHAND.matcher(shorthand);
        m.matches();
        return switch (m.group(2)) {
            case "m" -> "PT" + d.toMinutes() + "M";
            case "h" -> "PT" + d.toHours() + "H";
            default -> "P" + d.toDays() + "D";
        };
    }
}
