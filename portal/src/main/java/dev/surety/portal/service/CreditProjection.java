package dev.surety.portal.service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * What none of the SLO tools show: where the period ends if the current burn rate holds, which credit
 * tier that earns, and how much more downtime crosses into the next tier. Pure arithmetic on decimals,
 * no I/O, so the tier edges are unit-tested.
 *
 * <p>A tier applies when the attainment is strictly below its bound ("below 99.0 %": exactly 99.0 % is
 * not below). Downtime is counted in whole seconds of a full outage, assuming evenly spread traffic:
 * each second of outage turns one second of the period from good to bad.
 */
public final class CreditProjection {

    /** Percent scale of every attainment the portal shows (as the services give them). */
    public static final int SCALE = 6;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext MC = MathContext.DECIMAL64;

    /** One tier of the schedule: attainment below {@code belowPercent} earns {@code creditPercent} of the fee. */
    public record Tier(BigDecimal belowPercent, BigDecimal creditPercent) {
    }

    /** The agreement's compensation as far as the projection needs it. */
    public record Schedule(List<Tier> tiers, BigDecimal monthlyFee, String currency, BigDecimal capPercent) {
    }

    /**
     * @param projectedAttainment  percent at period end if the current error rate holds (scale 6, rounded down)
     * @param tier                 the tier it falls under, empty when none
     * @param creditPercent        percent of the fee after the cap (0 when no tier)
     * @param creditAmount         what that tier would cost, at the currency's scale
     * @param nextTier             the next worse tier, empty when the projection is already in the worst one
     * @param secondsToNextTier    more seconds of full outage that cross into the next tier; null when none
     * @param nextTierReachable    whether that much downtime still fits in the rest of the period
     */
    public record Result(BigDecimal projectedAttainment, Optional<Tier> tier, BigDecimal creditPercent,
                         BigDecimal creditAmount, Optional<Tier> nextTier, Long secondsToNextTier,
                         boolean nextTierReachable) {
    }

    private CreditProjection() {
    }

    /**
     * Projects the period end.
     *
     * @param attainmentSoFar  percent achieved from the period start until now (null: no data yet, treated as 100)
     * @param currentErrorRate fraction of bad events right now (0..1), e.g. 1 - window SLI; null: the period's own rate
     * @param period           the whole compliance period
     * @param elapsed          how much of it has passed (clamped to [0, period])
     */
    public static Result project(BigDecimal attainmentSoFar, BigDecimal currentErrorRate, Duration period,
                                 Duration elapsed, Schedule schedule) {
        long total = Math.max(1, period.toSeconds());
        long done = Math.min(total, Math.max(0, elapsed.toSeconds()));
        BigDecimal soFar = attainmentSoFar == null ? HUNDRED : attainmentSoFar;
        BigDecimal errorRate = currentErrorRate == null
                ? HUNDRED.subtract(soFar).divide(HUNDRED, MC)
                : currentErrorRate.max(BigDecimal.ZERO).min(BigDecimal.ONE);
        BigDecimal restGood = HUNDRED.multiply(BigDecimal.ONE.subtract(errorRate));
        // time-weighted: what was achieved so far, then the current rate for the rest of the period
        BigDecimal projected = soFar.multiply(BigDecimal.valueOf(done))
                .add(restGood.multiply(BigDecimal.valueOf(total - done)))
                .divide(BigDecimal.valueOf(total), SCALE, RoundingMode.DOWN);
        return atAttainment(projected, total, total - done, schedule);
    }

    /** Tier, credit and distance to the next tier for an attainment, in a period of {@code periodSeconds}. */
    public static Result atAttainment(BigDecimal attainment, long periodSeconds, long remainingSeconds,
                                      Schedule schedule) {
        Optional<Tier> tier = tierFor(attainment, schedule.tiers());
        BigDecimal percent = tier.map(t -> capped(t.creditPercent(), schedule.capPercent())).orElse(BigDecimal.ZERO);
        BigDecimal amount = amount(percent, schedule);
        BigDecimal current = tier.map(Tier::creditPercent).orElse(BigDecimal.ZERO);
        // the next worse tier: the highest bound the attainment is not yet below, earning more than now
        Optional<Tier> next = schedule.tiers().stream()
                .filter(t -> attainment.compareTo(t.belowPercent()) >= 0)
                .filter(t -> t.creditPercent().compareTo(current) > 0)
                .max(Comparator.comparing(Tier::belowPercent));
        Long seconds = next.map(t -> secondsToFallBelow(attainment, t.belowPercent(), periodSeconds)).orElse(null);
        boolean reachable = seconds != null && seconds <= remainingSeconds;
        return new Result(attainment, tier, percent, amount, next, seconds, reachable);
    }

    /** The tier with the most credit among those whose bound the attainment is strictly below. */
    public static Optional<Tier> tierFor(BigDecimal attainment, List<Tier> tiers) {
        return tiers.stream()
                .filter(t -> attainment.compareTo(t.belowPercent()) < 0)
                .max(Comparator.comparing(Tier::creditPercent));
    }

    /**
     * Smallest whole number of outage seconds after which the attainment is strictly below {@code bound}:
     * the bad time allowed at the bound is (100 - bound) % of the period; one second more than what is
     * already bad beyond it crosses. Landing exactly on the bound is not below it.
     */
    static long secondsToFallBelow(BigDecimal attainment, BigDecimal bound, long periodSeconds) {
        BigDecimal period = BigDecimal.valueOf(periodSeconds);
        BigDecimal badNow = HUNDRED.subtract(attainment).multiply(period).divide(HUNDRED, MC);
        BigDecimal badAtBound = HUNDRED.subtract(bound).multiply(period).divide(HUNDRED, MC);
        BigDecimal gap = badAtBound.subtract(badNow);
        if (gap.signum() < 0) {
            return 0;
        }
        return gap.setScale(0, RoundingMode.FLOOR).longValueExact() + 1;
    }

    /** The credit for a percent of the monthly fee at the currency's scale (half-even, as the ledger rounds). */
    public static BigDecimal amount(BigDecimal percent, Schedule schedule) {
        int scale = scaleOf(schedule.currency());
        if (schedule.monthlyFee() == null) {
            return BigDecimal.ZERO.setScale(scale);
        }
        return schedule.monthlyFee().multiply(percent).divide(HUNDRED, scale, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal capped(BigDecimal percent, BigDecimal cap) {
        return cap == null ? percent : percent.min(cap);
    }

    static int scaleOf(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (RuntimeException unknown) {
            return 2;
        }
    }
}
