package dev.surety.credit.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of credits. */
@Schema(name = "CreditPage")
public record CreditPage(
        List<CreditView> items,
        @Schema(description = "Zero-based page number") int page,
        int size,
        @Schema(description = "Credits matching the filters, over all pages") long total) {
}
