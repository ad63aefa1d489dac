package dev.surety.agreement.rest;

import dev.surety.agreement.rest.validation.CompliancePeriod;
import dev.surety.agreement.rest.validation.CurrencyCode;
import dev.surety.agreement.rest.validation.IanaTimeZone;
import dev.surety.agreement.rest.validation.IsoDuration;
import dev.surety.agreement.rest.validation.ValidAgreement;
import dev.surety.agreement.rest.validation.ValidBurnRateRule;
import dev.surety.agreement.rest.validation.ValidCompensation;
import dev.surety.agreement.rest.validation.ValidMaintenanceWindow;
import dev.surety.agreement.rest.validation.ValidObjective;
import dev.surety.events.AgreementStatus;
import dev.surety.events.Comparison;
import dev.surety.events.CreditAggregation;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.SliKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The terms of an agreement as a provider admin writes them (create and update). Field names
 * mirror the {@code AgreementSnapshot} published on the agreements topic, except {@code customer}
 * (the tenant id, {@code tenant} in the snapshot; the display name is {@code customerName}) and the
 * objective's {@code id} ({@code objectiveId} in the snapshot).
 */
@ValidAgreement
@Schema(name = "AgreementRequest", description = "The terms of an agreement (create and full update)")
public record AgreementRequest(
        @Schema(required = true, description = "Short title of the agreement", examples = "Checkout API availability")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "What the agreement covers, in the SLA's words", examples = "Availability and latency of the public checkout API")
        @Size(max = 4000) String description,
        @Schema(required = true, description = "Tenant id of the customer; a customer token sees the agreement when its"
                + " tenant claim equals this", examples = "acme")
        @NotBlank @Size(max = 100) String customer,
        @Schema(description = "Display name of the customer (the snapshot's customer)", examples = "ACME Corporation")
        @Size(max = 200) String customerName,
        @Schema(required = true, description = "Who gives the promise", examples = "surety-cloud")
        @NotBlank @Size(max = 200) String provider,
        @Schema(required = true, description = "The service delivered", examples = "checkout-api")
        @NotBlank @Size(max = 200) String service,
        @Schema(description = "IANA zone in which calendar months are counted (fixed offsets are refused)",
                defaultValue = "UTC", examples = "Europe/Berlin")
        @IanaTimeZone String timeZone,
        @Schema(description = "Start of the agreement; default now (on update: the current start)",
                examples = "2026-01-01T00:00:00Z")
        Instant effectiveFrom,
        @Schema(description = "End of the agreement, after effectiveFrom; open-ended when absent",
                examples = "2027-01-01T00:00:00Z")
        Instant effectiveTo,
        @Schema(required = true, description = "The measurable promises, 1 to 50")
        @NotEmpty(message = "must list at least one objective") @Size(max = 50)
        List<@NotNull @Valid ObjectiveInput> objectives,
        @Schema(description = "Maintenance windows and excluded causes; default none")
        @Valid ExclusionsInput exclusions,
        @Schema(required = true, description = "The credit schedule") @NotNull @Valid CompensationInput compensation,
        @Schema(description = "Who measures, who reports, and what the customer must do")
        @Valid ResponsibilitiesInput responsibilities,
        @Schema(description = "Free-text security terms of the SLA document, up to 20000 characters",
                examples = "Data is encrypted at rest (AES-256) and in transit (TLS 1.2+).")
        @Size(max = 20000) String securityTerms,
        @Schema(description = "On create: DRAFT (default) or ACTIVE to create and activate in one step."
                + " On update: optional, and if given it must be the current status (transitions use"
                + " POST /v1/agreements/{id}/lifecycle)", defaultValue = "DRAFT", examples = "ACTIVE")
        AgreementStatus status) {

    /** Objective and window ids end up in Kafka keys ({@code agreementId/objectiveId}), hence no slash. */
    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String ID_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-'";

    /** One measurable promise. */
    @ValidObjective
    @Schema(name = "ObjectiveInput")
    public record ObjectiveInput(
            @Schema(description = "Stable id inside the agreement; default objective-<n> by position (1-based)",
                    examples = "availability")
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id,
            @Schema(required = true, description = "Short human name", examples = "Successful requests")
            @NotBlank @Size(max = 200) String name,
            @Schema(description = "What the promise means, in the SLA's words",
                    examples = "Share of checkout requests answered without a 5xx error")
            @Size(max = 4000) String description,
            @Schema(required = true, description = "RATIO: good/total events; THRESHOLD: each value sample is good when"
                    + " it meets the bound; PERCENTILE: the window's percentile meets the bound; TIME_SLICE: uptime by"
                    + " slices that meet the bound", examples = "RATIO")
            @NotNull SliKind sliKind,
            @Schema(required = true, description = "Which raw metrics feed the indicator")
            @NotNull @Valid SelectorInput selector,
            @Schema(description = "THRESHOLD, PERCENTILE, TIME_SLICE (required): a value is good when"
                    + " value <comparison> bound. Must be absent for RATIO", examples = "LE")
            Comparison comparison,
            @Schema(description = "THRESHOLD, PERCENTILE, TIME_SLICE (required): the bound, in the metric's unit"
                    + " (TIME_SLICE with counted samples: percent good in the slice). Must be absent for RATIO",
                    examples = "300")
            @Digits(integer = 15, fraction = 9, message = "must have at most 15 integer digits and 9 decimal places")
            BigDecimal bound,
            @Schema(description = "PERCENTILE (required, 0 < x < 100): which percentile of the values; absent otherwise",
                    examples = "95")
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 and less than 100")
            @DecimalMax(value = "100", inclusive = false, message = "must be greater than 0 and less than 100")
            @Digits(integer = 3, fraction = 6, message = "must have at most 6 decimal places")
            BigDecimal percentile,
            @Schema(description = "TIME_SLICE and PERCENTILE only: slice length (ISO-8601, shorter than the period)",
                    defaultValue = "PT1M", examples = "PT1M")
            @IsoDuration String slice,
            @Schema(required = true, description = "Promised attainment in percent, 0 < x < 100", examples = "99.9")
            @NotNull
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 and less than 100")
            @DecimalMax(value = "100", inclusive = false, message = "must be greater than 0 and less than 100")
            @Digits(integer = 3, fraction = 6, message = "must have at most 6 decimal places")
            BigDecimal target,
            @Schema(description = "Compliance period: CALENDAR_MONTH in the agreement's time zone, or an ISO-8601"
                    + " duration (P30D = rolling 30-day periods from effectiveFrom, PT2M for demos)",
                    defaultValue = "CALENDAR_MONTH", examples = "CALENDAR_MONTH")
            @CompliancePeriod String period,
            @Schema(required = true, description = "Sliding window of the breach rule (ISO-8601), shorter than the"
                    + " period (28 days for CALENDAR_MONTH)", examples = "PT5M")
            @NotBlank @IsoDuration String window,
            @Schema(description = "Breach while the SLI over the window is below this percent (0 < x <= 100)."
                    + " Required, except for PERCENTILE, where it must be absent (the breach rule is the window's"
                    + " percentile missing the bound)", examples = "99")
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 and at most 100")
            @DecimalMax(value = "100", message = "must be greater than 0 and at most 100")
            @Digits(integer = 3, fraction = 6, message = "must have at most 6 decimal places")
            BigDecimal threshold,
            @Schema(description = "How long the rule must be false before a breach resolves (ISO-8601, >= 0)",
                    defaultValue = "PT0S", examples = "PT2M")
            @IsoDuration(allowZero = true) String holdTime,
            @Schema(description = "Multi-window burn-rate rules on the error budget (SRE workbook); default none."
                    + " The workbook's pairs: 14.4x over PT1H/PT5M, 6x over PT6H/PT30M, 1x over P3D/PT6H")
            @Size(max = 10) List<@NotNull @Valid BurnRateRuleInput> burnRateRules,
            @Schema(description = "What a silent source means once silent for noDataAfter: BAD counts against the"
                    + " target, GOOD as met, IGNORE leaves the time out", defaultValue = "IGNORE", examples = "BAD")
            NoDataPolicy noData,
            @Schema(description = "How long a source may be silent before the no-data policy applies (ISO-8601, > 0)",
                    defaultValue = "PT5M", examples = "PT5M")
            @IsoDuration String noDataAfter) {
    }

    /** Which raw metrics feed an objective. */
    @Schema(name = "SelectorInput")
    public record SelectorInput(
            @Schema(description = "Agent or source name; any source when absent", examples = "edge-proxy")
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank when given") @Size(max = 200) String source,
            @Schema(required = true, description = "Service name of the raw metrics", examples = "checkout-api")
            @NotBlank @Size(max = 200) String service,
            @Schema(required = true, description = "Metric name", examples = "http_requests")
            @NotBlank @Size(max = 200) String metric,
            @Schema(description = "Label matchers: every one must be present with exactly this value",
                    examples = "{\"env\": \"prod\"}")
            @Size(max = 32) Map<@NotBlank @Size(max = 200) String, @NotNull @Size(max = 500) String> labels) {
    }

    /** A multi-window burn-rate rule. */
    @ValidBurnRateRule
    @Schema(name = "BurnRateRuleInput")
    public record BurnRateRuleInput(
            @Schema(description = "Short label", examples = "page-fast") @Size(max = 100) String name,
            @Schema(required = true, description = "Burn-rate multiple of the sustainable rate, > 0", examples = "14.4")
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
            @Digits(integer = 6, fraction = 6, message = "must have at most 6 integer digits and 6 decimal places")
            BigDecimal factor,
            @Schema(required = true, description = "Long window (ISO-8601), shorter than the period", examples = "PT1H")
            @NotBlank @IsoDuration String longWindow,
            @Schema(required = true, description = "Short window (ISO-8601), shorter than longWindow", examples = "PT5M")
            @NotBlank @IsoDuration String shortWindow,
            @Schema(description = "Who is told, e.g. page or ticket", examples = "page") @Size(max = 50) String severity) {
    }

    /** Time and events that do not count against the objectives. */
    @Schema(name = "ExclusionsInput")
    public record ExclusionsInput(
            @Schema(description = "Announced maintenance, one-off or recurring; up to 100")
            @Size(max = 100) List<@NotNull @Valid MaintenanceWindowInput> maintenanceWindows,
            @Schema(description = "How long before its first start a window must be announced to be excludable"
                    + " (ISO-8601, >= 0)", defaultValue = "PT0S", examples = "P7D")
            @IsoDuration(allowZero = true) String minimumNotice,
            @Schema(description = "Causes that do not count: a raw sample whose 'cause' label is one of them is left"
                    + " out", examples = "[\"customer\", \"force-majeure\"]")
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> excludedCauses) {
    }

    /** A maintenance window as a client writes it; when it was announced is the server's business. */
    @ValidMaintenanceWindow
    @Schema(name = "MaintenanceWindowInput")
    public record MaintenanceWindowInput(
            @Schema(description = "Stable id inside the agreement; default mw-<8 hex digits> derived from start,"
                    + " duration, rrule and timeZone", examples = "sunday-patching")
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String windowId,
            @Schema(description = "What is maintained", examples = "Database patching") @Size(max = 200) String title,
            @Schema(required = true, description = "The first (or only) start", examples = "2026-12-06T02:00:00Z")
            @NotNull Instant start,
            @Schema(required = true, description = "Length of each occurrence (ISO-8601, > 0; shorter than the"
                    + " recurrence interval)", examples = "PT2H")
            @NotBlank @IsoDuration String duration,
            @Schema(description = "iCalendar RRULE (FREQ DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT, UNTIL, BYDAY,"
                    + " BYMONTHDAY, BYMONTH, WKST); the time of day comes from start. Absent for a one-off window",
                    examples = "FREQ=WEEKLY;BYDAY=SU")
            @Size(max = 500) String rrule,
            @Schema(description = "IANA zone the rule is evaluated in; default the agreement's zone",
                    examples = "Europe/Berlin")
            @IanaTimeZone String timeZone,
            @Schema(hidden = true)
            @Null(message = "is set by the server when the window is announced; leave it out") Instant announcedAt,
            @Schema(hidden = true)
            @Null(message = "is computed by the server from the minimum notice; leave it out") Boolean excludable) {
    }

    /** The credit schedule. */
    @ValidCompensation
    @Schema(name = "CompensationInput")
    public record CompensationInput(
            @Schema(required = true, description = "Fee per period the credit percentages apply to; no more decimals"
                    + " than the currency has", examples = "1000.00")
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
            @Digits(integer = 15, fraction = 4, message = "must have at most 15 integer digits")
            BigDecimal monthlyFee,
            @Schema(required = true, description = "ISO 4217 code of a payable currency", examples = "EUR")
            @NotNull @CurrencyCode String currency,
            @Schema(required = true, description = "1 to 20 tiers: attainment below belowPercent earns creditPercent"
                    + " of the fee; the lower the bound, the higher the credit")
            @NotEmpty(message = "must list at least one tier") @Size(max = 20)
            List<@NotNull @Valid CreditTierInput> tiers,
            @Schema(description = "Most a period's credit may be, in percent of the fee", defaultValue = "100",
                    examples = "100")
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 and at most 100")
            @DecimalMax(value = "100", message = "must be greater than 0 and at most 100")
            BigDecimal capPercent,
            @Schema(description = "Whether the customer must claim a credit before it is issued", defaultValue = "false")
            Boolean claimRequired,
            @Schema(description = "Credits below this amount are not paid (>= 0, currency scale); default no minimum",
                    examples = "10.00")
            @DecimalMin(value = "0", message = "must be 0 or more")
            @Digits(integer = 15, fraction = 4, message = "must have at most 15 integer digits")
            BigDecimal minimumCredit,
            @Schema(description = "Only with claimRequired: days after the period's end to claim, 1 to 365",
                    defaultValue = "30", examples = "30")
            @Min(value = 1, message = "must be between 1 and 365") @Max(value = 365, message = "must be between 1 and 365")
            Integer claimWindowDays,
            @Schema(description = "How several objectives' credits for one period combine: HIGHEST (the largest"
                    + " single credit) or SUM (added, then capped)", defaultValue = "HIGHEST", examples = "HIGHEST")
            CreditAggregation aggregation) {
    }

    /** Attainment strictly below {@code belowPercent} earns {@code creditPercent} of the fee. */
    @Schema(name = "CreditTierInput")
    public record CreditTierInput(
            @Schema(required = true, description = "Attainment strictly below this percent earns the credit",
                    examples = "99.9")
            @NotNull
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 and at most 100")
            @DecimalMax(value = "100", message = "must be greater than 0 and at most 100")
            @Digits(integer = 3, fraction = 6, message = "must have at most 6 decimal places")
            BigDecimal belowPercent,
            @Schema(required = true, description = "Credit in percent of the fee", examples = "10")
            @NotNull
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 and at most 100")
            @DecimalMax(value = "100", message = "must be greater than 0 and at most 100")
            @Digits(integer = 3, fraction = 6, message = "must have at most 6 decimal places")
            BigDecimal creditPercent) {
    }

    /** Who does what under the agreement. */
    @Schema(name = "ResponsibilitiesInput")
    public record ResponsibilitiesInput(
            @Schema(description = "Who operates the measurement",
                    examples = "Provider, with synthetic probes from three regions")
            @Size(max = 2000) String measuredBy,
            @Schema(description = "Who reports attainment, and to whom", examples = "Provider, to the customer's"
                    + " account manager") @Size(max = 2000) String reportedBy,
            @Schema(description = "Cadence and form of reports", examples = "Monthly statement within 5 business days")
            @Size(max = 2000) String reporting,
            @Schema(description = "What the customer must do for the promise to hold",
                    examples = "Retry failed requests with exponential backoff")
            @Size(max = 2000) String customer) {
    }
}
