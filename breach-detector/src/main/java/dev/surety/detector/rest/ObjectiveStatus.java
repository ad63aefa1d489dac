package dev.surety.detector.rest;

import dev.surety.events.BreachKind;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Live state of one objective: its rule windows with SLI and burn rate, the open breaches and
 * silent episode, and the current compliance period with attainment and error budget so far.
 * Windows are as of the objective's newest measurement (event time), not of the wall clock.
 */
@Schema(description = "Live state of one objective")
public record ObjectiveStatus(
        String objectiveId,
        String name,
        SliKind sliKind,
        @Schema(description = "Version of the agreement whose objective judges the rules now (the version in force at lastMeasurementAt)")
        int agreementVersion,
        @Schema(description = "Threshold rule: minimum SLI over the window, percent (PERCENTILE: null, see bound)") BigDecimal threshold,
        @Schema(description = "PERCENTILE: the bound the window percentile is compared with") BigDecimal bound,
        @Schema(description = "Target over a compliance period, percent") BigDecimal target,
        @Schema(description = "Newest measurement time applied (the objective's stream time); null before any") Instant lastMeasurementAt,
        @Schema(description = "The threshold rule's sliding window") WindowStatus window,
        @Schema(description = "Whether the threshold rule is true now") boolean breaching,
        @Schema(description = "One entry per burn-rate rule, with its long and short windows") List<BurnRateStatus> burnRates,
        @Schema(description = "Open breach episodes of any rule, oldest first") List<OpenBreach> openBreaches,
        @Schema(description = "The running silent episode, null when data flows") NoDataStatus noData,
        @Schema(description = "The period holding max(now, lastMeasurementAt); null when the objective cannot be judged or the agreement is not in effect yet")
        PeriodStatus currentPeriod) {

    /** One sliding window of a rule, as of {@code to}. */
    @Schema(description = "A rule's sliding window")
    public record WindowStatus(
            @Schema(description = "ISO-8601 window length") String length,
            @Schema(description = "Start of the oldest bucket counted; null before any measurement") Instant from,
            @Schema(description = "Window end: the newest measurement time; null before any measurement") Instant to,
            @Schema(description = "What good and total count: events (RATIO, THRESHOLD) or slices (TIME_SLICE, PERCENTILE)")
            String unit,
            long good,
            long total,
            @Schema(description = "good * 100 / total, percent, 6 decimals rounded down; null without data") BigDecimal sli,
            @Schema(description = "Error ratio / (1 - target): (total - good) * 100 / (total * (100 - target)), 6 decimals rounded down; null without data")
            BigDecimal burnRate,
            @Schema(description = "PERCENTILE threshold window only: the window's percentile value; else null") BigDecimal value) {
    }

    /** A multi-window burn-rate rule: it fires when both windows burn at least {@code factor}. */
    @Schema(description = "A burn-rate rule with its two windows")
    public record BurnRateStatus(
            String rule,
            String severity,
            @Schema(description = "Burn rate at which the rule fires") BigDecimal factor,
            WindowStatus longWindow,
            WindowStatus shortWindow,
            @Schema(description = "Whether both windows burn at least factor now") boolean firing) {
    }

    /** An open breach episode. */
    @Schema(description = "An open breach episode")
    public record OpenBreach(
            String breachId,
            BreachKind kind,
            @Schema(description = "Burn-rate rule name; null for the threshold rule") String rule,
            @Schema(description = "Burn-rate rule severity; null for the threshold rule") String severity,
            @Schema(description = "When the breach opened (event time)") Instant since,
            @Schema(description = "Since when the rule is false again (the hold time runs); null while it holds")
            Instant recoveringSince) {
    }

    /** A silent episode: no measurement since {@code lastDataAt}. */
    @Schema(description = "A running no-data episode")
    public record NoDataStatus(String episodeId, Instant lastDataAt, Instant detectedAt, NoDataPolicy policy) {
    }

    /** A compliance period that is not final yet, with what it has counted so far. */
    @Schema(description = "The current compliance period so far")
    public record PeriodStatus(
            Instant start,
            Instant end,
            @Schema(description = "events or slices") String unit,
            long good,
            long total,
            @Schema(description = "good * 100 / total so far, 6 decimals rounded down; null without data") BigDecimal attainment,
            @Schema(description = "Whether the attainment so far meets the target") boolean meetsTarget,
            @Schema(description = "ISO-8601 silent time counted in this period") String noData,
            @Schema(description = "Breach episodes opened in this period") int breaches,
            ErrorBudget errorBudget) {
    }

    /**
     * The period's error budget. Event objectives: a share of the events so far. Slice objectives
     * (time-based): a share of the period's time without excluded maintenance, also in minutes.
     */
    @Schema(description = "Error budget of the current period")
    public record ErrorBudget(
            @Schema(description = "Bad units the target allows: (100 - target) % of the events so far, or of the period's slices")
            BigDecimal allowedBad,
            @Schema(description = "Bad units so far") long consumedBad,
            @Schema(description = "1 - consumed / allowed (1 = untouched, 0 = spent, negative = overspent); null while nothing is allowed")
            BigDecimal remaining,
            @Schema(description = "Time-based objectives: the period's budget in minutes; else null") BigDecimal allowedMinutes,
            @Schema(description = "Time-based objectives: bad slices in minutes; else null") BigDecimal consumedMinutes,
            @Schema(description = "Time-based objectives: minutes left (negative = overspent); else null") BigDecimal remainingMinutes) {
    }
}
