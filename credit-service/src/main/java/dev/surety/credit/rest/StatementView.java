package dev.surety.credit.rest;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A customer's credit statement for a time range: one line per credit, totals per currency. */
@Schema(name = "Statement")
public record StatementView(
        @Schema(description = "The tenant the credits are owed to") String customer,
        @Schema(description = "Credits whose period starts at or after this instant") Instant from,
        @Schema(description = "... and before this instant (exclusive)") Instant to,
        List<Line> lines,
        @Schema(description = "One total per currency, in currency code order") List<Total> totals) {

    /** One credit. Decimals are exact, as strings. */
    @Schema(name = "StatementLine")
    public record Line(
            String creditId,
            String agreementId,
            String objectiveId,
            Instant periodStart,
            Instant periodEnd,
            @Schema(description = "Attainment in percent, as the compliance record gave it", example = "98.500000")
            String attainment,
            @Schema(description = "Bound of the tier the attainment was strictly below", example = "99.0")
            String tierBelowPercent,
            @Schema(description = "Percent of the fee credited, after the cap", example = "25")
            String creditPercent,
            @Schema(description = "At the currency's scale", example = "250.00")
            String amount,
            String currency,
            @Schema(description = "ISSUED, ENTITLED or APPLIED")
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
