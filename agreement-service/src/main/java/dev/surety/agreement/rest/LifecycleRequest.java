package dev.surety.agreement.rest;

import dev.surety.events.AgreementStatus;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lifecycle transition: the status the agreement should move to. */
@Schema(name = "LifecycleRequest", description = "The status to move the agreement to")
public record LifecycleRequest(
        @Schema(required = true, description = "DRAFT -> ACTIVE; ACTIVE -> SUSPENDED or TERMINATED;"
                + " SUSPENDED -> ACTIVE or TERMINATED; TERMINATED is final", examples = "ACTIVE")
        @NotNull AgreementStatus status) {
}
