package dev.surety.agreement.rest;

import dev.surety.events.AgreementStatus;
import dev.surety.events.Comparison;
import dev.surety.events.CreditAggregation;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An agreement as of one version, with every default filled in. Field names mirror the published
 * {@code AgreementSnapshot} (see {@link AgreementRequest} for the two exceptions).
 */
@Schema(name = "Agreement")
public record AgreementResponse(
        @Schema(description = "Agreement id", examples = "0659902c-2dff-4990-bf2a-3b10f653f14a") UUID id,
        @Schema(description = "Immutable version number; also the ETag", examples = "3") int version,
        @Schema(examples = "ACTIVE") AgreementStatus status,
        @Schema(examples = "Checkout API availability") String name,
        String description,
        @Schema(description = "Tenant id of the customer", examples = "acme") String customer,
        @Schema(description = "Display name of the customer", examples = "ACME Corporation") String customerName,
        @Schema(examples = "surety-cloud") String provider,
        @Schema(examples = "checkout-api") String service,
        @Schema(examples = "Europe/Berlin") String timeZone,
        Instant effectiveFrom,
        Instant effectiveTo,
        List<ObjectiveView> objectives,
        ExclusionsView exclusions,
        CompensationView compensation,
        @Schema(description = "Null when the agreement states none") ResponsibilitiesView responsibilities,
        String securityTerms,
        @Schema(description = "When version 1 was written") Instant createdAt,
        @Schema(description = "Subject of the token that created the agreement (version 1)", examples = "alice")
        String createdBy,
        @Schema(description = "When this version was written (it is in force from then)") Instant updatedAt,
        @Schema(description = "Subject of the token that wrote this version", examples = "bob") String updatedBy) {

    @Schema(name = "Objective")
    public record ObjectiveView(
            @Schema(examples = "availability") String id,
            String name,
            String description,
            SliKind sliKind,
            SelectorView selector,
            @Schema(description = "null for RATIO") Comparison comparison,
            @Schema(description = "null for RATIO") BigDecimal bound,
            @Schema(description = "PERCENTILE only") BigDecimal percentile,
            @Schema(description = "TIME_SLICE and PERCENTILE: slice length (default PT1M); null otherwise",
                    examples = "PT1M") String slice,
            @Schema(examples = "99.9") BigDecimal target,
            @Schema(description = "CALENDAR_MONTH or an ISO-8601 duration", examples = "CALENDAR_MONTH") String period,
            @Schema(description = "ISO-8601 duration", examples = "PT5M") String window,
            @Schema(description = "null for PERCENTILE") BigDecimal threshold,
            @Schema(description = "ISO-8601 duration", examples = "PT0S") String holdTime,
            List<BurnRateRuleView> burnRateRules,
            @Schema(examples = "IGNORE") NoDataPolicy noData,
            @Schema(description = "ISO-8601 duration", examples = "PT5M") String noDataAfter) {
    }

    @Schema(name = "Selector")
    public record SelectorView(String source, String service, String metric, Map<String, String> labels) {
    }

    @Schema(name = "BurnRateRule")
    public record BurnRateRuleView(
            @Schema(examples = "page-fast") String name,
            @Schema(examples = "14.4") BigDecimal factor,
            @Schema(examples = "PT1H") String longWindow,
            @Schema(examples = "PT5M") String shortWindow,
            @Schema(examples = "page") String severity) {
    }

    @Schema(name = "Exclusions")
    public record ExclusionsView(
            List<MaintenanceWindowView> maintenanceWindows,
            @Schema(description = "ISO-8601 duration; PT0S when none", examples = "PT168H") String minimumNotice,
            List<String> excludedCauses) {
    }

    @Schema(name = "Compensation")
    public record CompensationView(
            @Schema(examples = "1000.00") BigDecimal monthlyFee,
            @Schema(examples = "EUR") String currency,
            @Schema(description = "Ordered from the highest bound down") List<CreditTierView> tiers,
            @Schema(examples = "100") BigDecimal capPercent,
            boolean claimRequired,
            @Schema(description = "null: no minimum", examples = "10.00") BigDecimal minimumCredit,
            @Schema(description = "Days to claim; null unless claimRequired", examples = "30") Integer claimWindowDays,
            @Schema(examples = "HIGHEST") CreditAggregation aggregation) {
    }

    @Schema(name = "CreditTier")
    public record CreditTierView(BigDecimal belowPercent, BigDecimal creditPercent) {
    }

    @Schema(name = "Responsibilities")
    public record ResponsibilitiesView(String measuredBy, String reportedBy, String reporting, String customer) {
    }
}
