package dev.surety.credit.rest;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A customer claims the credit of one agreement and compliance period. */
@Schema(name = "ClaimRequest")
public record ClaimRequest(
        @Schema(description = "The agreement", required = true)
        @NotBlank(message = "is required") String agreementId,
        @Schema(description = "The objective; optional. * or any objective names the agreement-level credit of a "
                + "multi-objective agreement")
        String objectiveId,
        @Schema(description = "Start of the compliance period, ISO-8601 instant", required = true,
                example = "2026-10-01T00:00:00Z")
        @NotBlank(message = "is required") String periodStart) {
}
