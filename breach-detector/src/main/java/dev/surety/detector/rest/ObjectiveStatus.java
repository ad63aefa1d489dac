package dev.surety.detector.rest;

import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** State of one objective: its sliding window, open breach and current compliance period. */
public record ObjectiveStatus(
        String objectiveId,
        String name,
        @Schema(description = "Breach threshold, percent") BigDecimal threshold,
        @Schema(description = "Target over a compliance period, percent") BigDecimal target,
        @Schema(description = "Newest measurement time applied (the objective's stream time); null before any") Instant lastMeasurementAt,
        WindowStatus window,
        @Schema(description = "The open breach, null when none") OpenBreach openBreach,
        @Schema(description = "The period holding max(now, lastMeasurementAt); null when the objective cannot be judged") PeriodStatus currentPeriod) {

    /** The breach rule's sliding window as of {@code to}. */
    public record WindowStatus(
            @Schema(description = "ISO-8601 window length") String length,
            @Schema(description = "Start of the oldest bucket counted") Instant from,
            @Schema(description = "Window end: the newest measurement time") Instant to,
            long good,
            long total,
            @Schema(description = "good * 100 / total, 6 decimals rounded down; null without data") BigDecimal sli,
            @Schema(description = "Whether the breach rule is true now") boolean breaching) {
    }

    public record OpenBreach(String breachId, Instant openedAt) {
    }

    /** A compliance period that is not final yet, with what it has counted so far. */
    public record PeriodStatus(
            Instant start,
            Instant end,
            long good,
            long total,
            @Schema(description = "good * 100 / total so far, 6 decimals rounded down; null without data") BigDecimal attainment) {
    }
}
