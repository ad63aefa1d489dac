package dev.surety.agreement.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of agreements, newest first. */
@Schema(name = "AgreementPage")
public record AgreementPageResponse(
        List<AgreementResponse> items,
        @Schema(description = "Zero-based page index") int page,
        int size,
        @Schema(description = "Agreements matching the query over all pages") long total) {
}
