package dev.surety.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * One measurable promise of an agreement, as carried in the agreement snapshot.
 *
 * @param objectiveId   stable id of the objective inside its agreement
 * @param name          short human name
 * @param description   what the promise means, in the SLA's words
 * @param sliKind       how the indicator is computed (see {@link SliKind})
 * @param selector      which raw metrics feed the indicator
 * @param comparison    THRESHOLD, PERCENTILE and TIME_SLICE: a value is good when {@code value comparison bound}
 * @param bound         the bound values are compared with, in the metric's unit (TIME_SLICE with counted
 *                      samples: percent good in the slice)
 * @param percentile    PERCENTILE: which percentile of the values, e.g. 95 or 99.9
 * @param slice         TIME_SLICE and PERCENTILE compliance: slice length (null: one minute)
 * @param target        promised attainment over a period, in percent, strictly between 0 and 100
 * @param period        compliance period: {@code CALENDAR_MONTH} in the agreement's time zone, or an
 *                      ISO-8601 duration ({@code P30D} for rolling 30-day periods, {@code PT2M} for demos),
 *                      consecutive periods aligned to the agreement's effective start
 * @param window        sliding window of the breach rule
 * @param threshold     the breach rule fires while the SLI over the window is below this, in percent
 *                      (PERCENTILE: unused, the rule fires while the window's percentile misses the bound)
 * @param holdTime      how long the rule must be false before an open breach resolves (null: zero)
 * @param burnRateRules multi-window burn-rate rules on the error budget (empty: none)
 * @param noData        what a silent source means (null: {@link NoDataPolicy#IGNORE})
 * @param noDataAfter   how long a source may be silent before the no-data policy applies (null: five minutes)
 */
public record ObjectiveSpec(
        String objectiveId,
        @OptionalField String name,
        @OptionalField String description,
        SliKind sliKind,
        MetricSelector selector,
        @OptionalField Comparison comparison,
        @OptionalField BigDecimal bound,
        @OptionalField BigDecimal percentile,
        @OptionalField Duration slice,
        BigDecimal target,
        String period,
        Duration window,
        @OptionalField BigDecimal threshold,
        @OptionalField Duration holdTime,
        @OptionalField List<BurnRateRule> burnRateRules,
        @OptionalField NoDataPolicy noData,
        @OptionalField Duration noDataAfter) {

    /** The period value meaning "calendar month in the agreement's time zone". */
    public static final String CALENDAR_MONTH = "CALENDAR_MONTH";
    public static final Duration DEFAULT_SLICE = Duration.ofMinutes(1);
    public static final Duration DEFAULT_NO_DATA_AFTER = Duration.ofMinutes(5);

    public ObjectiveSpec {
        burnRateRules = burnRateRules == null ? List.of() : List.copyOf(burnRateRules);
    }

    /** A ratio objective with a threshold breach rule and nothing else (the thin slice's shape). */
    public ObjectiveSpec(String objectiveId, String name, SliKind sliKind, MetricSelector selector, BigDecimal target,
            String period, Duration window, BigDecimal threshold, Duration holdTime) {
        this(objectiveId, name, null, sliKind, selector, null, null, null, null, target, period, window, threshold,
                holdTime, List.of(), null, null);
    }

    /** The slice length in force. */
    public Duration effectiveSlice() {
        return slice == null ? DEFAULT_SLICE : slice;
    }

    /** The hold time in force. */
    public Duration effectiveHoldTime() {
        return holdTime == null ? Duration.ZERO : holdTime;
    }

    /** The no-data policy in force. */
    public NoDataPolicy effectiveNoData() {
        return noData == null ? NoDataPolicy.IGNORE : noData;
    }

    /** The silence delay in force. */
    public Duration effectiveNoDataAfter() {
        return noDataAfter == null ? DEFAULT_NO_DATA_AFTER : noDataAfter;
    }

    /** Whether a value sample meets this objective's bound (THRESHOLD, PERCENTILE, TIME_SLICE). */
    public boolean meetsBound(double value) {
        return comparison != null && bound != null && comparison.test(value, bound);
    }
}
