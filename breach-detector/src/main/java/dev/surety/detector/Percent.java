package dev.surety.detector;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The exact arithmetic behind every decision: counts stay {@code long}, comparisons are made on
 * {@code good * 100} against {@code bound * total} in {@link BigDecimal}, so no decision ever goes
 * through a binary floating-point value.
 */
public final class Percent {

    /** Scale of every percentage this service emits. */
    public static final int SCALE = 6;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100).setScale(SCALE);

    private Percent() {
    }

    /** {@code good * 100 / total}, rounded down to 6 decimals; 100 when {@code total == 0} (no data is ignored). */
    public static BigDecimal of(long good, long total) {
        if (total == 0) {
            return HUNDRED;
        }
        return BigDecimal.valueOf(good).movePointRight(2)
                .divide(BigDecimal.valueOf(total), SCALE, RoundingMode.DOWN);
    }

    /** Whether {@code good / total} is strictly below {@code percent}; false when there is no data. */
    public static boolean below(long good, long total, BigDecimal percent) {
        return total > 0 && compare(good, total, percent) < 0;
    }

    /** Whether {@code good / total} reaches {@code percent} ({@code good * 100 >= percent * total}). */
    public static boolean meets(long good, long total, BigDecimal percent) {
        return compare(good, total, percent) >= 0;
    }

    private static int compare(long good, long total, BigDecimal percent) {
        return BigDecimal.valueOf(good).movePointRight(2).compareTo(percent.multiply(BigDecimal.valueOf(total)));
    }
}
