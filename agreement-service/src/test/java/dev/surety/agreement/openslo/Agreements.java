package dev.surety.agreement.openslo;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BurnRateRule;
import dev.surety.events.Comparison;
import dev.surety.events.Compensation;
import dev.surety.events.CreditAggregation;
import dev.surety.events.CreditTier;
import dev.surety.events.Exclusions;
import dev.surety.events.MaintenanceWindow;
import dev.surety.events.MetricSelector;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.Responsibilities;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rich agreements as a provider would publish them, and the comparison a round trip must pass. */
final class Agreements {

    private Agreements() {
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static AgreementSnapshot checkout() {
        ObjectiveSpec availability = new ObjectiveSpec("availability", "Checkout availability",
                "Share of checkout requests answered without a server error", SliKind.RATIO,
                new MetricSelector("telegraf", "checkout-api", "http_requests", Map.of("region", "eu-west-1", "route", "/checkout")),
                null, null, null, null, d("99.95"), ObjectiveSpec.CALENDAR_MONTH, Duration.ofMinutes(5), d("99.5"),
                Duration.ofMinutes(10), BurnRateRule.SRE_WORKBOOK, NoDataPolicy.BAD, Duration.ofMinutes(3));
        ObjectiveSpec latency = new ObjectiveSpec("latency-p95", "p95 latency", "95th percentile of checkout latency",
                SliKind.PERCENTILE, new MetricSelector(null, "checkout-api", "http_latency_ms", Map.of()),
                Comparison.LE, d("300"), d("95"), Duration.ofMinutes(1), d("99.0"), ObjectiveSpec.CALENDAR_MONTH,
                Duration.ofMinutes(15), d("95"), null, List.of(), NoDataPolicy.IGNORE, null);
        ObjectiveSpec uptime = new ObjectiveSpec("uptime", "Monthly uptime", null, SliKind.TIME_SLICE,
                new MetricSelector("blackbox", "checkout-api", "probe_success", Map.of("probe", "https")),
                Comparison.GE, d("1"), null, Duration.ofMinutes(5), d("99.90"), "P30D", Duration.ofMinutes(10),
                d("99"), Duration.ofMinutes(5), List.of(
                        new BurnRateRule("page-fast", d("14.4"), Duration.ofHours(1), Duration.ofMinutes(5), "page"),
                        new BurnRateRule(null, d("1"), Duration.ofDays(3), Duration.ofHours(6), null)),
                NoDataPolicy.GOOD, Duration.ofMinutes(10));
        Exclusions exclusions = new Exclusions(List.of(
                new MaintenanceWindow("weekly-db", "Database patching", Instant.parse("2026-01-04T02:00:00Z"),
                        Duration.ofHours(2), "FREQ=WEEKLY;BYDAY=SU", "Europe/Berlin", null, true),
                new MaintenanceWindow("migration", "Data centre move", Instant.parse("2026-03-14T22:00:00Z"),
                        Duration.ofHours(6), null, null, null, true)),
                Duration.ofDays(5), List.of("customer", "force-majeure"));
        Compensation compensation = new Compensation(d("12500.00"), "EUR", List.of(
                new CreditTier(d("99.95"), d("10")), new CreditTier(d("99.0"), d("25")), new CreditTier(d("95"), d("100"))),
                d("50"), true, d("25.00"), 45, CreditAggregation.SUM);
        return new AgreementSnapshot("8d5f7c4e-0000-4000-8000-000000000001", 7, "acme", "Checkout API — Gold SLA",
                "Availability, latency and uptime of the checkout API", "Surety Cloud GmbH", "ACME Retail Ltd",
                "checkout-api", AgreementStatus.ACTIVE, Instant.parse("2026-01-15T08:30:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), "Europe/Berlin", List.of(availability, latency, uptime), exclusions,
                compensation, new Responsibilities("provider, with synthetic probes from three regions",
                        "provider, to the customer's service manager", "monthly statement within 5 business days",
                        "retry with exponential backoff"),
                "Data is encrypted at rest (AES-256) and in transit (TLS 1.2+).\nIncidents are reported within 24h.",
                Instant.parse("2026-02-01T10:00:00Z"), "alice");
    }

    /** Threshold objective, rolling periods, short demo durations and values OpenSLO cannot hold. */
    static AgreementSnapshot probes() {
        Map<String, String> tricky = new LinkedHashMap<>();
        tricky.put("enabled", "true");
        tricky.put("port", "8080");
        tricky.put("note", "a: b # not a comment");
        tricky.put("empty-ish", "null");
        ObjectiveSpec up = new ObjectiveSpec("Probe_Up.1", "Probe up", null, SliKind.THRESHOLD,
                new MetricSelector("collectd", "edge", "probe_up", tricky), Comparison.EQ, d("1"), null, null,
                d("99.5"), "PT2M", Duration.ofSeconds(30), d("90.000"), Duration.ofSeconds(20), List.of(
                        new BurnRateRule("fast", d("14.4"), Duration.ofSeconds(60), Duration.ofSeconds(5), "page")),
                null, Duration.ofSeconds(45));
        ObjectiveSpec latency = new ObjectiveSpec("latency", null, null, SliKind.THRESHOLD,
                new MetricSelector(null, "edge", "latency_ms", null), Comparison.LT, d("250.5"), null, null,
                d("99.999"), "P7D", Duration.ofHours(1), null, null, List.of(), NoDataPolicy.BAD, null);
        ObjectiveSpec slices = new ObjectiveSpec("slices", null, null, SliKind.TIME_SLICE,
                new MetricSelector(null, "edge", "requests", null), Comparison.GT, d("99.5"), null,
                Duration.ofSeconds(30), d("99"), "P1DT12H", Duration.ofMinutes(2), d("50"), null, List.of(), null, null);
        return new AgreementSnapshot("a-2", 1, "globex", "Edge probes", null, "Surety Cloud GmbH", null, "edge",
                AgreementStatus.DRAFT, Instant.parse("2026-05-31T23:59:59.123Z"), null, "America/New_York",
                List.of(up, latency, slices), Exclusions.NONE,
                new Compensation(d("99.99"), "USD", List.of(new CreditTier(d("99.5"), d("5.5"))), null, false),
                null, null, Instant.parse("2026-06-01T00:00:00Z"), null);
    }

    /** The thin slice's shape: one ratio objective and nothing optional. */
    static AgreementSnapshot minimal() {
        return new AgreementSnapshot("a-3", 1, "initech", null, null, null, null, null, AgreementStatus.DRAFT,
                null, null, "UTC", List.of(new ObjectiveSpec("objective-1", null, SliKind.RATIO,
                        new MetricSelector(null, "tps", "reports", null), d("99.9"), "PT720H", Duration.ofMinutes(5),
                        d("99"), null)),
                null, new Compensation(d("100"), "JPY", List.of(), null, false), null, null, Instant.EPOCH, null);
    }

    /** A ratio objective carrying values that only make sense for other kinds (kept, not dropped). */
    static AgreementSnapshot oddities() {
        ObjectiveSpec ratio = new ObjectiveSpec("odd", "Odd ratio", null, SliKind.RATIO,
                new MetricSelector("s", "svc", "m", Map.of("cause", "none")), Comparison.GE, d("1.50"), d("99"),
                Duration.ofMinutes(1), d("99.0000"), "P30D", Duration.ofMinutes(5), d("98"), Duration.ZERO,
                List.of(new BurnRateRule("r", d("2"), Duration.ofHours(2), Duration.ofMinutes(10), "ticket")),
                NoDataPolicy.IGNORE, Duration.ofMinutes(5));
        ObjectiveSpec slice = new ObjectiveSpec("zero-slice", null, null, SliKind.TIME_SLICE,
                new MetricSelector(null, "svc", "m2", null), null, null, d("50"), Duration.ZERO, d("90"),
                ObjectiveSpec.CALENDAR_MONTH, Duration.ofMinutes(5), d("80"), null, null, null, null);
        return new AgreementSnapshot("a-4", 3, "umbrella", "Odd", null, "p", "c", "svc", AgreementStatus.SUSPENDED,
                Instant.parse("2026-01-01T00:00:00Z"), null, "Asia/Kolkata", List.of(ratio, slice),
                new Exclusions(List.of(), null, List.of("customer")),
                new Compensation(d("1000"), "EUR", List.of(new CreditTier(d("99"), d("10"))), d("100"), false, null, 30,
                        CreditAggregation.HIGHEST),
                new Responsibilities(null, null, null, "keep the agent running"), null, Instant.EPOCH, null);
    }

    static List<AgreementSnapshot> all() {
        return List.of(checkout(), probes(), minimal(), oddities());
    }

    /**
     * The snapshot with what the service computes or assigns replaced by the importer's placeholders:
     * id, version, status, updatedAt, updatedBy, and each maintenance window's announcedAt and excludable.
     */
    static AgreementSnapshot terms(AgreementSnapshot a) {
        List<MaintenanceWindow> windows = new ArrayList<>();
        for (MaintenanceWindow w : a.exclusions().maintenanceWindows()) {
            windows.add(new MaintenanceWindow(w.windowId(), w.title(), w.start(), w.duration(), w.rrule(), w.timeZone(),
                    null, true));
        }
        return new AgreementSnapshot(ImportedAgreement.PLACEHOLDER_ID, ImportedAgreement.PLACEHOLDER_VERSION, a.tenant(),
                a.name(), a.description(), a.provider(), a.customer(), a.service(), ImportedAgreement.PLACEHOLDER_STATUS,
                a.effectiveFrom(), a.effectiveTo(), a.timeZone(), a.objectives(),
                new Exclusions(windows, a.exclusions().minimumNotice(), a.exclusions().excludedCauses()),
                a.compensation(), a.responsibilities(), a.securityTerms(), ImportedAgreement.PLACEHOLDER_UPDATED_AT, null);
    }
}
