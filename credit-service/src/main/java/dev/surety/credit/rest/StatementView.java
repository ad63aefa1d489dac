package dev.surety.credit.rest;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A customer's statement for a time range: each objective's figures per period, one line per
 * credit, totals per currency. Every decimal is an exact string.
 */
@Schema(name = "Statement")
public record StatementView(
        @Schema(description = "The tenant the credits are owed to") String customer,
        @Schema(description = "Periods starting at or after this instant") Instant from,
        @Schema(description = "... and before this instant (exclusive)") Instant to,
        @Schema(description = "Per agreement, objective and period: the latest figures (FINAL, or PROVISIONAL "
                + "while the period is open)") List<ObjectiveLine> objectives,
        List<Line> lines,
        @Schema(description = "One total per currency, in currency code order") List<Total> totals) {

    /** One objective's figures for one period. */
    @Schema(name = "StatementObjective")
    public record ObjectiveLine(
            String agreementId,
            String objectiveId,
            Instant periodStart,
            Instant periodEnd,
            @Schema(description = "FINAL or PROVISIONAL") String status,
            @Schema(description = "Attainment in percent", example = "98.500000") String attainment,
            @Schema(description = "The objective's target in percent", example = "99.9") String target,
            @Schema(description = "Excluded maintenance time in minutes (up to 2 decimals); null when not reported",
                    example = "90") String excludedMinutes,
            @Schema(description = "Breach episodes opened in the period; null when not reported") Integer breaches,
            @Schema(description = "Tier this objective alone falls under; null when none", example = "99.0")
            String tierBelowPercent,
            @Schema(description = "Percent of the fee this objective alone earns, after the cap", example = "25")
            String creditPercent) {
    }

    /** One credit. Decimals are exact, as strings. */
    @Schema(name = "StatementLine")
    public record Line(
            String creditId,
            String agreementId,
            @Schema(description = "The objective, or * for an agreement-level credit") String objectiveId,
            Instant periodStart,
            Instant periodEnd,
            @Schema(description = "Attainment in percent, as the compliance record gave it", example = "98.500000")
            String attainment,
            @Schema(description = "Bound of the tier the attainment was strictly below", example = "99.0")
            String tierBelowPercent,
            @Schema(description = "Percent of the fee credited, after aggregation and the cap", example = "25")
            String creditPercent,
            @Schema(description = "At the currency's scale; 0 when BELOW_MINIMUM or VOIDED", example = "250.00")
            String amount,
            String currency,
            @Schema(description = "ENTITLED, CLAIMED, ISSUED, APPLIED, BELOW_MINIMUM or VOIDED")
            String state) {
    }

    /** Sum of the lines in one currency, whatever their state. */
    @Schema(name = "StatementTotal")
    public record Total(
            String currency,
            @Schema(description = "At the currency's scale", example = "1250.00") String amount,
            @Schema(description = "Number of lines in this currency") int credits) {
    }
}
