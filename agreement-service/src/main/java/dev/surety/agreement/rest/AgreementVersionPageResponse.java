package dev.surety.agreement.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of an agreement's history, oldest version first. */
@Schema(name = "AgreementVersionPage")
public record AgreementVersionPageResponse(
        List<AgreementVersionResponse> items,
        @Schema(description = "Zero-based page index") int page,
        int size,
        @Schema(description = "Versions over all pages") long total) {
}
