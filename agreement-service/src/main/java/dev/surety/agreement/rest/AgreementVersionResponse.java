package dev.surety.agreement.rest;

import dev.surety.events.AgreementStatus;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of an agreement's history; the full version is {@code GET /v1/agreements/{id}?at=<createdAt>}. */
@Schema(name = "AgreementVersion")
public record AgreementVersionResponse(
        int version,
        AgreementStatus status,
        @Schema(description = "When the version was written; it is in force from then until the next one")
        Instant createdAt,
        @Schema(description = "Subject of the token that wrote the version") String createdBy) {
}
