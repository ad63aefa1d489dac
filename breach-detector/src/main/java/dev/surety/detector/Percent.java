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

    /**
     * Burn rate of the error budget: {@code (1 - good/total) / (1 - target/100)}
     * = {@code (total - good) * 100 / (total * (100 - target))}, 6 decimals rounded down; 0 without data.
     */
    public static BigDecimal burnRate(long good, long total, BigDecimal target) {
        if (total == 0) {
            return BigDecimal.ZERO.setScale(SCALE);
        }
        return BigDecimal.valueOf(total - good).movePointRight(2)
                .divide(BigDecimal.valueOf(total).multiply(BigDecimal.valueOf(100).subtract(target)), SCALE,
                        RoundingMode.DOWN);
    }

    /** Whether the burn rate reaches {@code factor}, exactly: {@code bad * 100 >= factor * total * (100 - target)}. */
    public static boolean burnsAtLeast(long good, long total, BigDecimal target, BigDecimal factor) {
        if (total == 0) {
            return false;
        }
        BigDecimal lhs = BigDecimal.valueOf(total - good).movePointRight(2);
        BigDecimal rhs = factor.multiply(BigDecimal.valueOf(total)).multiply(BigDecimal.valueOf(100).subtract(target));
        return lhs.compareTo(rhs) >= 0;
    }

    /** Whether {@code good * 100 / total <op> bound}, exactly ({@code total > 0}). */
    public static boolean percentTest(long good, long total, dev.surety.events.Comparison op, BigDecimal bound) {
        return op.test(BigDecimal.valueOf(good).movePointRight(2), bound.multiply(BigDecimal.valueOf(total)));
    }

    /** A measured value as an emitted figure: 6 decimals rounded down. */
    public static BigDecimal value(double v) {
        return BigDecimal.valueOf(v).setScale(SCALE, RoundingMode.DOWN);
    }
}
