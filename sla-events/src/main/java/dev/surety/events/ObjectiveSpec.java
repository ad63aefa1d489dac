package dev.surety.events;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * One measurable promise of an agreement, as carried in the agreement snapshot.
 *
 * @param objectiveId stable id of the objective inside its agreement
 * @param target      promised attainment over a period, in percent (e.g. 99.9)
 * @param period      compliance period: {@code CALENDAR_MONTH} in the agreement's time zone, or an
 *                    ISO-8601 duration such as {@code PT2M} aligned to the agreement's effective start
 * @param window      sliding window of the breach rule
 * @param threshold   the breach rule fires while the SLI over the window is below this, in percent
 * @param holdTime    how long the rule must be false before an open breach resolves
 */
public record ObjectiveSpec(
        String objectiveId,
        @OptionalField String name,
        SliKind sliKind,
        MetricSelector selector,
        BigDecimal target,
        String period,
        Duration window,
        BigDecimal threshold,
        @OptionalField Duration holdTime) {

    /** The period value meaning "calendar month in the agreement's time zone". */
    public static final String CALENDAR_MONTH = "CALENDAR_MONTH";
}
