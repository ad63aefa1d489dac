package dev.surety.portal.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How figures read on the pages: percentages, money, times in the agreement's zone, durations. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss z", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    private Formats() {
    }

    public static String time(Instant t, ZoneId zone) {
        return t == null ? "—" : TIME.format(t.atZone(zone));
    }

    public static String month(Instant t, ZoneId zone) {
        return t == null ? "—" : MONTH.format(t.atZone(zone));
    }

    /** A percentage with up to {@code digits} decimals, trailing zeros dropped ("99.95 %"). */
    public static String percent(BigDecimal p, int digits) {
        if (p == null) {
            return "—";
        }
        BigDecimal v = p.setScale(digits, RoundingMode.DOWN).stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString() + " %";
    }

    public static String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "—";
        }
        int scale = CreditProjection.scaleOf(currency == null ? "" : currency);
        return amount.setScale(Math.max(scale, amount.stripTrailingZeros().scale()), RoundingMode.HALF_EVEN).toPlainString()
                + " " + (currency == null ? "" : currency);
    }

    /** "3 h 5 min", "45 s": the largest two units. */
    public static String duration(Duration d) {
        if (d == null) {
            return "—";
        }
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 120) {
            return m + " min";
        }
        long h = m / 60;
        if (h < 48) {
            return h + " h " + (m % 60) + " min";
        }
        return (h / 24) + " d " + (h % 24) + " h";
    }

    /** Downtime that crosses a tier: whole minutes, rounded up so they really cross, or seconds when short. */
    public static String downtime(long seconds) {
        if (seconds < 300) {
            return seconds + (seconds == 1 ? " more second" : " more seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + " more minutes";
    }

    public static String rate(BigDecimal burn) {
        return burn == null ? "—" : burn.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "×";
    }
}
