package dev.surety.agreement.rest;

import dev.surety.events.AgreementStatus;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agreement as of its current version, with every default filled in. */
@Schema(name = "Agreement")
public record AgreementResponse(
        UUID id,
        @Schema(description = "Immutable version number; also the ETag") int version,
        AgreementStatus status,
        String name,
        String description,
        @Schema(description = "Tenant id of the customer") String customer,
        String provider,
        String service,
        String timeZone,
        Instant effectiveFrom,
        Instant effectiveTo,
        List<ObjectiveView> objectives,
        CompensationView compensation,
        Instant createdAt,
        @Schema(description = "Subject of the token that created the agreement") String createdBy,
        @Schema(description = "When the current version was written") Instant updatedAt) {

    @Schema(name = "Objective")
    public record ObjectiveView(
            String id,
            String name,
            SliKind sliKind,
            SelectorView selector,
            BigDecimal target,
            @Schema(description = "CALENDAR_MONTH or an ISO-8601 duration") String period,
            @Schema(description = "ISO-8601 duration") String window,
            BigDecimal threshold,
            @Schema(description = "ISO-8601 duration") String holdTime) {
    }

    @Schema(name = "Selector")
    public record SelectorView(String source, String service, String metric, Map<String, String> labels) {
    }

    @Schema(name = "Compensation")
    public record CompensationView(
            BigDecimal monthlyFee,
            String currency,
            @Schema(description = "Ordered from the highest bound down") List<CreditTierView> tiers,
            BigDecimal capPercent,
            boolean claimRequired) {
    }

    @Schema(name = "CreditTier")
    public record CreditTierView(BigDecimal belowPercent, BigDecimal creditPercent) {
    }
}
