package dev.surety.credit.rest;

import dev.surety.credit.CreditState;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A customer's claim of a credit, as the API shows it. */
@Schema(name = "Claim", description = "A customer's claim of the credit of one agreement and period")
public record ClaimView(
        @Schema(description = "Derived from the credit's idempotency key: claiming again returns the same claim")
        String claimId,
        String creditId,
        String agreementId,
        @Schema(description = "The credit's objective, or * for an agreement-level credit")
        String objectiveId,
        @Schema(description = "The tenant the credit is owed to")
        String customer,
        Instant periodStart,
        Instant periodEnd,
        Instant claimedAt,
        @Schema(description = "The claiming token's name")
        String claimedBy,
        @Schema(description = "The last instant a claim was accepted")
        Instant claimDeadline,
        @Schema(description = "The credit's state: ISSUED once claimed, APPLIED after billing acknowledged it")
        CreditState state,
        @Schema(description = "At the currency's scale", example = "250.00")
        String amount,
        String currency) {
}
