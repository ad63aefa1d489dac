package dev.surety.detector.rest;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Live breach and compliance state of every objective of one agreement. */
@Schema(description = "Live breach and compliance state of every objective of one agreement")
public record AgreementStatus(
        String agreementId,
        @Schema(description = "Version of the agreement in force at asOf; its objectives are listed") int agreementVersion,
        String tenant,
        String name,
        @Schema(description = "Wall-clock time this status was computed") Instant asOf,
        List<ObjectiveStatus> objectives) {
}
