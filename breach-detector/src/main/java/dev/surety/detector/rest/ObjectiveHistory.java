package dev.surety.detector.rest;

import dev.surety.events.BreachKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One compliance period of an objective, hour by hour: the good and valid units its attainment
 * counts (so the buckets sum to the period's figures), excluded maintenance, and every breach and
 * no-data episode that was open during the period.
 */
@Schema(description = "One compliance period of an objective, hour by hour")
public record ObjectiveHistory(
        String objectiveId,
        @Schema(description = "Period start; null when the objective cannot be judged or the agreement is not in effect yet")
        Instant periodStart,
        @Schema(description = "Period end (exclusive); null as periodStart") Instant periodEnd,
        @Schema(description = "The agreement's time zone (calendar periods and maintenance windows)", example = "Europe/Berlin")
        String timeZone,
        @Schema(description = "What good and valid count: events (RATIO, THRESHOLD) or judged time slices of the objective's slice length, 1 minute by default (TIME_SLICE, PERCENTILE)",
                enumeration = {"events", "slices"})
        String unit,
        @Schema(description = "Hours of the period [start, start + 1 h) from the period start, oldest first; hours "
                + "without data or excluded time are omitted. Sums of good and valid equal the period's good and total")
        List<Bucket> buckets,
        @Schema(description = "Every breach episode open at some time during the period, open ones included, oldest first")
        List<Breach> breaches,
        @Schema(description = "Every no-data episode open at some time during the period, oldest first")
        List<NoData> noData,
        @Schema(description = "Excluded maintenance in the period, in minutes: up to asOf for the current period, all of it for a past one")
        BigDecimal excludedMinutes) {

    /** One hour of the period. */
    @Schema(description = "One hour of the period")
    public record Bucket(
            Instant start,
            @Schema(description = "start + 1 h, or the period end if sooner") Instant end,
            @Schema(description = "Good units counted in this hour (judged slices by their start)") long good,
            @Schema(description = "Valid units counted in this hour: excluded events and time are not valid") long valid,
            @Schema(description = "Excluded maintenance within this hour, minutes") BigDecimal excludedMinutes) {
    }

    /** A breach episode. */
    @Schema(description = "A breach episode")
    public record Breach(
            String breachId,
            BreachKind kind,
            @Schema(description = "Burn-rate rule name; null for the threshold rule") String rule,
            @Schema(description = "Burn-rate rule severity; null for the threshold rule") String severity,
            Instant openedAt,
            @Schema(description = "Null while open") Instant resolvedAt,
            @Schema(description = "recovered, maintenance or agreement-inactive; null while open",
                    enumeration = {"recovered", "maintenance", "agreement-inactive"})
            String reason) {
    }

    /** A silent episode. */
    @Schema(description = "A no-data episode")
    public record NoData(
            String episodeId,
            @Schema(description = "The last data before the silence") Instant startedAt,
            @Schema(description = "When data resumed; null while silent") Instant endedAt) {
    }
}
