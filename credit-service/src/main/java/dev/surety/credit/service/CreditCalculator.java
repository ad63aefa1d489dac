package dev.surety.credit.service;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.events.Compensation;
import dev.surety.events.CreditAggregation;
import dev.surety.events.CreditTier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;

/**
 * The credit arithmetic, with no I/O so every bound can be unit-tested.
 *
 * <ul>
 *   <li>A tier applies when the attainment is strictly below its bound, decided on the raw counts:
 *       {@code good * 100 < belowPercent * total}. A value exactly on a bound is not below it. No
 *       rounded or floating-point attainment is involved.</li>
 *   <li>Of the tiers that apply, the deepest (lowest bound) wins, whatever order the schedule lists
 *       them in; on equal bounds the larger credit percent wins.</li>
 *   <li>{@code total == 0} means no valid events: nothing is below anything, no credit.</li>
 *   <li>The credit percent is capped at {@code capPercent} (100 when absent).</li>
 *   <li>{@code amount = monthlyFee * creditPercent / 100}, computed exactly, then set to the
 *       currency's default fraction digits ({@link Currency#getDefaultFractionDigits()}) with
 *       {@link RoundingMode#HALF_EVEN} (banker's rounding: no systematic bias over many credits).</li>
 *   <li>Proration: when the agreement's {@code effectiveFrom} or {@code effectiveTo} (exclusive)
 *       falls inside the compliance period {@code [periodStart, periodEnd)}, the fee is multiplied
 *       by the covered fraction {@code covered / period}, both durations in nanoseconds. The whole
 *       product {@code fee * percent * covered / (100 * period)} is one exact division rounded
 *       once, HALF_EVEN at the currency scale: no intermediate amount is ever rounded.</li>
 *   <li>An amount that rounds to zero is not a credit.</li>
 * </ul>
 */
public final class CreditCalculator {

    /** Rounding applied once, to the final amount. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    /** Scale of the attainment percent stored with a credit (as the compliance record carries it). */
    public static final int ATTAINMENT_SCALE = 6;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CreditCalculator() {
    }

    /**
     * Applies a compensation schedule to one period's counts.
     *
     * @throws IllegalArgumentException      when the counts are impossible (negative, good above total)
     * @throws InvalidCompensationException when the schedule cannot be applied as written
     */
    public static CreditDecision decide(long good, long total, Compensation compensation) {
        return decide(good, total, compensation, Coverage.FULL);
    }

    /**
     * Applies a compensation schedule to one period's counts, prorating the fee by the part of the
     * period the agreement was in force.
     *
     * @param effectiveFrom start of the agreement (inclusive), null: no start inside any period
     * @param effectiveTo   end of the agreement (exclusive), null: open-ended
     */
    public static CreditDecision decide(long good, long total, Compensation compensation, Instant periodStart,
                                        Instant periodEnd, Instant effectiveFrom, Instant effectiveTo) {
        return decide(good, total, compensation, coverage(periodStart, periodEnd, effectiveFrom, effectiveTo));
    }

    /**
     * The part of {@code [periodStart, periodEnd)} that lies inside {@code [effectiveFrom, effectiveTo)}.
     * A period without an end (or an empty one) cannot be prorated and counts as fully covered.
     */
    public static Coverage coverage(Instant periodStart, Instant periodEnd, Instant effectiveFrom, Instant effectiveTo) {
        if (periodStart == null || periodEnd == null || !periodEnd.isAfter(periodStart)) {
            return Coverage.FULL;
        }
        Instant from = effectiveFrom != null && effectiveFrom.isAfter(periodStart) ? effectiveFrom : periodStart;
        Instant to = effectiveTo != null && effectiveTo.isBefore(periodEnd) ? effectiveTo : periodEnd;
        if (from.equals(periodStart) && to.equals(periodEnd)) {
            return Coverage.FULL;
        }
        BigDecimal covered = to.isAfter(from) ? nanos(Duration.between(from, to)) : BigDecimal.ZERO;
        return new Coverage(covered, nanos(Duration.between(periodStart, periodEnd)));
    }

    /**
     * How much of a compliance period the agreement covered, as an exact fraction.
     *
     * @param covered nanoseconds of the period inside the agreement's effective range
     * @param period  nanoseconds of the whole period
     */
    public record Coverage(BigDecimal covered, BigDecimal period) {
        /** The agreement was in force for the whole period: no proration. */
        public static final Coverage FULL = new Coverage(BigDecimal.ONE, BigDecimal.ONE);

        public boolean full() {
            return covered.compareTo(period) == 0;
        }
    }

    private static BigDecimal nanos(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).scaleByPowerOfTen(9).add(BigDecimal.valueOf(d.getNano()));
    }

    /**
     * Applies a compensation schedule to one period's counts, the fee prorated by {@code coverage}.
     */
    public static CreditDecision decide(long good, long total, Compensation compensation, Coverage coverage) {
        if (good < 0 || total < 0 || good > total) {
            throw new IllegalArgumentException("impossible counts: good=" + good + ", total=" + total);
        }
        if (compensation == null || compensation.monthlyFee() == null || compensation.tiers().isEmpty()) {
            return CreditDecision.none(ComplianceOutcome.NO_COMPENSATION,
                    compensation == null ? null : compensation.currency());
        }
        int scale = currencyScale(compensation.currency());
        if (compensation.monthlyFee().signum() < 0) {
            throw new InvalidCompensationException("negative monthly fee " + compensation.monthlyFee());
        }
        BigDecimal cap = compensation.capPercent() == null ? HUNDRED : compensation.capPercent();
        if (cap.signum() < 0) {
            throw new InvalidCompensationException("negative cap " + cap);
        }
        if (total == 0) {
            return CreditDecision.none(ComplianceOutcome.NO_DATA, compensation.currency());
        }
        CreditTier tier = deepestTierBelow(good, total, compensation);
        if (tier == null) {
            return CreditDecision.none(ComplianceOutcome.NO_TIER, compensation.currency());
        }
        if (coverage.covered().signum() <= 0) {
            return CreditDecision.none(ComplianceOutcome.NOT_IN_FORCE, compensation.currency());
        }
        BigDecimal percent = tier.creditPercent().min(cap);
        // one exact quotient, rounded once: fee * percent * covered / (100 * period)
        BigDecimal amount = compensation.monthlyFee().multiply(percent).multiply(coverage.covered())
                .divide(HUNDRED.multiply(coverage.period()), scale, ROUNDING);
        ComplianceOutcome outcome = amount.signum() > 0 ? ComplianceOutcome.CREDITED : ComplianceOutcome.ZERO_AMOUNT;
        return new CreditDecision(outcome, tier.belowPercent(), percent,
                outcome == ComplianceOutcome.CREDITED ? amount : null, compensation.currency());
    }

    /**
     * Combines the objectives' decisions for one period into the agreement's credit for it.
     *
     * <ul>
     *   <li>{@link CreditAggregation#HIGHEST} (the default): the highest capped percent any single
     *       objective earns; ties go to the objective listed first.</li>
     *   <li>{@link CreditAggregation#SUM}: the objectives' capped percents added, the sum capped
     *       again at {@code capPercent}. The fee and the proration are the same for every
     *       objective, so adding percents is adding exact amounts.</li>
     *   <li>{@code amount = fee * percent * covered / (100 * period)}, rounded once, HALF_EVEN at
     *       the currency scale; 0 after rounding is no credit.</li>
     *   <li>An amount strictly below {@code minimumCredit} is not paid (BELOW_MINIMUM, amount 0);
     *       an amount equal to it is paid.</li>
     * </ul>
     *
     * @param results the objectives of the version in force, in the version's order, each with its decision
     * @throws InvalidCompensationException when the schedule cannot be applied as written
     */
    public static PeriodCredit aggregate(Compensation compensation, Coverage coverage,
                                         List<PeriodCredit.ObjectiveResult> results) {
        BigDecimal lowest = results.stream().map(PeriodCredit.ObjectiveResult::attainment)
                .min(Comparator.naturalOrder()).orElse(HUNDRED.setScale(ATTAINMENT_SCALE));
        if (compensation == null || compensation.monthlyFee() == null || compensation.tiers().isEmpty()) {
            return none(ComplianceOutcome.NO_COMPENSATION, lowest, compensation == null ? null : compensation.currency());
        }
        int scale = currencyScale(compensation.currency());
        BigDecimal cap = compensation.capPercent() == null ? HUNDRED : compensation.capPercent();
        if (coverage.covered().signum() <= 0) {
            return none(ComplianceOutcome.NOT_IN_FORCE, lowest, compensation.currency());
        }
        PeriodCredit.ObjectiveResult best = null;
        BigDecimal sum = BigDecimal.ZERO;
        boolean allNoData = true;
        for (PeriodCredit.ObjectiveResult r : results) {
            CreditDecision d = r.decision();
            allNoData &= d.outcome() == ComplianceOutcome.NO_DATA;
            if (d.creditPercent() == null) {
                continue;
            }
            sum = sum.add(d.creditPercent());
            if (best == null || d.creditPercent().compareTo(best.decision().creditPercent()) > 0) {
                best = r;
            }
        }
        if (best == null) {
            return none(allNoData && !results.isEmpty() ? ComplianceOutcome.NO_DATA : ComplianceOutcome.NO_TIER, lowest,
                    compensation.currency());
        }
        BigDecimal percent = compensation.effectiveAggregation() == CreditAggregation.SUM
                ? sum.min(cap) : best.decision().creditPercent();
        BigDecimal amount = compensation.monthlyFee().multiply(percent).multiply(coverage.covered())
                .divide(HUNDRED.multiply(coverage.period()), scale, ROUNDING);
        if (amount.signum() == 0) {
            return none(ComplianceOutcome.ZERO_AMOUNT, lowest, compensation.currency());
        }
        BigDecimal minimum = compensation.minimumCredit();
        if (minimum != null && amount.compareTo(minimum) < 0) {
            String reason = "credit " + amount.toPlainString() + " " + compensation.currency()
                    + " is below the minimum credit of " + minimum.setScale(Math.max(scale, minimum.scale()))
                    .toPlainString() + " " + compensation.currency();
            return new PeriodCredit(PeriodCredit.Kind.BELOW_MINIMUM, ComplianceOutcome.BELOW_MINIMUM,
                    best.objectiveId(), best.attainment(), best.decision().tierBelowPercent(), percent, amount,
                    BigDecimal.ZERO.setScale(scale), compensation.currency(), reason);
        }
        return new PeriodCredit(PeriodCredit.Kind.PAYABLE, ComplianceOutcome.CREDITED, best.objectiveId(),
                best.attainment(), best.decision().tierBelowPercent(), percent, amount, amount,
                compensation.currency(), null);
    }

    private static PeriodCredit none(ComplianceOutcome outcome, BigDecimal attainment, String currency) {
        return new PeriodCredit(PeriodCredit.Kind.NONE, outcome, null, attainment, null, null, null, null, currency,
                null);
    }

    /** True when {@code good / total} is strictly below {@code belowPercent} percent, exactly. */
    public static boolean strictlyBelow(long good, long total, BigDecimal belowPercent) {
        // good * 100 < belowPercent * total, in BigDecimal so neither overflow nor rounding can flip it
        return BigDecimal.valueOf(good).multiply(HUNDRED)
                .compareTo(belowPercent.multiply(BigDecimal.valueOf(total))) < 0;
    }

    /** {@code good * 100 / total} rounded down to 6 decimals; 100 when total is 0 (as compliance records say). */
    public static BigDecimal attainment(long good, long total) {
        if (total == 0) {
            return HUNDRED.setScale(ATTAINMENT_SCALE);
        }
        return BigDecimal.valueOf(good).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(total), ATTAINMENT_SCALE, RoundingMode.DOWN);
    }

    /** Default fraction digits of an ISO 4217 currency. */
    public static int currencyScale(String currencyCode) {
        if (currencyCode == null) {
            throw new InvalidCompensationException("no currency");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(currencyCode);
        } catch (IllegalArgumentException e) {
            throw new InvalidCompensationException("unknown currency " + currencyCode);
        }
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            // pseudo-currencies such as XXX or XAU have no minor unit to round to
            throw new InvalidCompensationException("currency " + currencyCode + " has no fraction digits");
        }
        return digits;
    }

    private static CreditTier deepestTierBelow(long good, long total, Compensation compensation) {
        CreditTier best = null;
        for (CreditTier t : compensation.tiers()) {
            if (t == null || t.belowPercent() == null || t.creditPercent() == null || t.creditPercent().signum() < 0) {
                throw new InvalidCompensationException("incomplete or negative credit tier " + t);
            }
            if (!strictlyBelow(good, total, t.belowPercent())) {
                continue;
            }
            if (best == null) {
                best = t;
                continue;
            }
            int c = t.belowPercent().compareTo(best.belowPercent());
            if (c < 0 || (c == 0 && t.creditPercent().compareTo(best.creditPercent()) > 0)) {
                best = t;
            }
        }
        return best;
    }
}
