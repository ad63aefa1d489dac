package dev.surety.agreement.rest;

import dev.surety.agreement.rest.validation.CompliancePeriod;
import dev.surety.agreement.rest.validation.CurrencyCode;
import dev.surety.agreement.rest.validation.IanaTimeZone;
import dev.surety.agreement.rest.validation.IsoDuration;
import dev.surety.agreement.rest.validation.ValidAgreement;
import dev.surety.agreement.rest.validation.ValidCompensation;
import dev.surety.agreement.rest.validation.ValidObjective;
import dev.surety.events.AgreementStatus;
import dev.surety.events.SliKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The terms of an agreement as a provider admin writes them (create and update). */
@ValidAgreement
@Schema(name = "AgreementRequest", description = "The terms of an agreement (create and full update)")
public record AgreementRequest(
        @Schema(required = true, examples = "Checkout API availability") @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,
        @Schema(required = true, description = "Tenant id of the customer", examples = "acme")
        @NotBlank @Size(max = 100) String customer,
        @Schema(required = true, examples = "surety-cloud") @NotBlank @Size(max = 200) String provider,
        @Schema(required = true, examples = "checkout-api") @NotBlank @Size(max = 200) String service,
        @Schema(description = "IANA zone in which calendar months are counted", defaultValue = "UTC")
        @IanaTimeZone String timeZone,
        @Schema(description = "Start of the agreement; default now") Instant effectiveFrom,
        @Schema(description = "End of the agreement; open-ended when absent") Instant effectiveTo,
        @Schema(required = true) @NotEmpty(message = "must list at least one objective") @Size(max = 50)
        List<@NotNull @Valid ObjectiveInput> objectives,
        @Schema(required = true) @NotNull @Valid CompensationInput compensation,
        @Schema(description = "On create: DRAFT (default) or ACTIVE to create and activate in one step."
                + " On update: optional, and if given it must be the current status (transitions use"
                + " POST /v1/agreements/{id}/lifecycle)", defaultValue = "DRAFT", examples = "ACTIVE")
        AgreementStatus status) {

    /** Objective ids end up in Kafka keys ({@code agreementId/objectiveId}), hence no slash. */
    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    /** One measurable promise. */
    @ValidObjective
    @Schema(name = "ObjectiveInput")
    public record ObjectiveInput(
            @Schema(description = "Stable id inside the agreement; default objective-<n> by position")
            @Pattern(regexp = ID_PATTERN, message = "must be 1-64 letters, digits, '.', '_' or '-'") String id,
            @Schema(required = true) @NotBlank @Size(max = 200) String name,
            @Schema(required = true) @NotNull SliKind sliKind,
            @Schema(required = true) @NotNull @Valid SelectorInput selector,
            @Schema(required = true, description = "Promised attainment in percent, 0 < x < 100", examples = "99.9")
            @NotNull
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 and less than 100")
            @DecimalMax(value = "100", inclusive = false, message = "must be greater than 0 and less than 100")
            @Digits(integer = 3, fraction = 6, message = "must have at most 6 decimal places")
            BigDecimal target,
            @Schema(required = true, description = "CALENDAR_MONTH or an ISO-8601 duration", examples = "CALENDAR_MONTH")
            @NotBlank @CompliancePeriod String period,
            @Schema(required = true, description = "Sliding window of the breach rule (ISO-8601)", examples = "PT5M")
            @NotBlank @IsoDuration String window,
            @Schema(required = true, description = "Breach while the SLI over the window is below this percent",
                    examples = "99")
            @NotNull
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 and at most 100")
            @DecimalMax(value = "100", message = "must be greater than 0 and at most 100")
            @Digits(integer = 3, fraction = 6, message = "must have at most 6 decimal places")
            BigDecimal threshold,
            @Schema(description = "How long the rule must be false before a breach resolves", defaultValue = "PT0S")
            @IsoDuration(allowZero = true) String holdTime) {
    }

    /** Which raw metrics feed an objective. */
    @Schema(name = "SelectorInput")
    public record SelectorInput(
            @Schema(description = "Agent or source name; any source when absent")
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank when given") @Size(max = 200) String source,
            @Schema(required = true) @NotBlank @Size(max = 200) String service,
            @Schema(required = true) @NotBlank @Size(max = 200) String metric,
            @Size(max = 32) Map<@NotBlank @Size(max = 200) String, @NotNull @Size(max = 500) String> labels) {
    }

    /** The credit schedule. */
    @ValidCompensation
    @Schema(name = "CompensationInput")
    public record CompensationInput(
            @Schema(required = true, examples = "1000.00")
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
            @Digits(integer = 15, fraction = 4, message = "must have at most 15 integer digits")
            BigDecimal monthlyFee,
            @Schema(required = true, examples = "EUR") @NotNull @CurrencyCode String currency,
            @Schema(required = true) @NotEmpty(message = "must list at least one tier") @Size(max = 20)
            List<@NotNull @Valid CreditTierInput> tiers,
            @Schema(description = "Most a period's credit may be, in percent of the fee", defaultValue = "100")
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 and at most 100")
            @DecimalMax(value = "100", message = "must be greater than 0 and at most 100")
            BigDecimal capPercent,
            @Schema(defaultValue = "false") Boolean claimRequired) {
    }

    /** Attainment strictly below {@code belowPercent} earns {@code creditPercent} of the fee. */
    @Schema(name = "CreditTierInput")
    public record CreditTierInput(
            @Schema(required = true, examples = "99.9")
            @NotNull
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 and at most 100")
            @DecimalMax(value = "100", message = "must be greater than 0 and at most 100")
            @Digits(integer = 3, fraction = 6, message = "must have at most 6 decimal places")
            BigDecimal belowPercent,
            @Schema(required = true, examples = "10")
            @NotNull
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 and at most 100")
            @DecimalMax(value = "100", message = "must be greater than 0 and at most 100")
            @Digits(integer = 3, fraction = 6, message = "must have at most 6 decimal places")
            BigDecimal creditPercent) {
    }
}
