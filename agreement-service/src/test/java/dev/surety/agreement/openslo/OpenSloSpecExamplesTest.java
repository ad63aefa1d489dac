package dev.surety.agreement.openslo;

import static dev.surety.agreement.openslo.Agreements.d;
import static dev.surety.agreement.openslo.Yamls.assertProblem;
import static dev.surety.agreement.openslo.Yamls.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.BurnRateRule;
import dev.surety.events.Comparison;
import dev.surety.events.Compensation;
import dev.surety.events.CreditTier;
import dev.surety.events.Exclusions;
import dev.surety.events.MetricSelector;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The document shapes of the OpenSLO v1 specification's README (our own equivalents under
 * {@code openslo/spec/}): each imports, or is refused with the precise reasons.
 */
class OpenSloSpecExamplesTest {

    @Test
    void foreignDataSourceIsRefusedWithItsCredentials() {
        List<ImportError> errors = problems(Yamls.resource("spec/datasource.yaml"));
        assertProblem(errors, "documents[0].spec.type", "DataSource type 'CloudWatch' is not supported");
        assertProblem(errors, "documents[0].spec.connectionDetails.accessKeyID", "unknown field; expected one of: source");
        assertProblem(errors, "documents[0].spec.connectionDetails.secretAccessKey", "unknown field");
        assertProblem(errors, "documents[0].metadata.displayName", "is not stored by Surety");
        assertProblem(errors, "documents[0]", "DataSource 'metrics-store' is not used by any SLO");
        assertProblem(errors, "documents", "an Agreement document");
    }

    @Test
    void sloWithInlinedVendorRatioIsRefusedAtEachQuery() {
        List<ImportError> errors = problems(Yamls.resource("spec/slo-inline-sli.yaml"));
        String ratio = "documents[0].spec.indicator.spec.ratioMetric";
        assertProblem(errors, ratio + ".counter", "not cumulative counters");
        assertProblem(errors, ratio + ".good.metricSource.type", "metric source type 'Datadog' is not supported");
        assertProblem(errors, ratio + ".good.metricSource.spec.query", "queries cannot be evaluated by Surety");
        assertProblem(errors, ratio + ".good.metricSource.metricSourceRef", "no DataSource named 'vendor-datasource'");
        assertProblem(errors, ratio + ".total.metricSource.spec.query", "queries cannot be evaluated by Surety");
        assertProblem(errors, "documents[0].spec.indicator.metadata.displayName", "is not stored by Surety");
        assertProblem(errors, "documents[0].spec.budgetingMethod", "is required");
    }

    @Test
    void prometheusRatioIsRefusedAtTheQueryPaths() {
        List<ImportError> errors = problems(Yamls.resource("spec/ratio-prometheus.yaml"));
        for (String part : List.of("good", "total")) {
            String ms = "documents[0].spec.ratioMetric." + part + ".metricSource";
            assertProblem(errors, ms + ".type", "metric source type 'Prometheus' is not supported");
            assertProblem(errors, ms + ".spec.query", "queries cannot be evaluated by Surety");
            assertProblem(errors, ms + ".metricSourceRef", "no DataSource named 'prom'");
        }
    }

    @Test
    void thresholdMetricsOfForeignStoresAreRefused() {
        List<ImportError> errors = problems(Yamls.resource("spec/threshold-metric.yaml"));
        assertProblem(errors, "documents[0].spec.thresholdMetric.metricSource.spec.query", "queries cannot be evaluated");
        assertProblem(errors, "documents[0].spec.thresholdMetric.metricSource.spec.region", "unknown field");
        assertProblem(errors, "documents[1].spec.thresholdMetric.metricSource.type", "'Redshift' is not supported");
        assertProblem(errors, "documents[1].spec.thresholdMetric.metricSource.spec.query", "queries cannot be evaluated");
        assertProblem(errors, "documents[2].spec.type", "DataSource type 'Redshift' is not supported");
        assertProblem(errors, "documents[2].spec.connectionDetails.clusterId", "unknown field");
    }

    @Test
    void alertPolicyWithReferencesIsRefusedWhereSuretyDiffers() {
        List<ImportError> errors = problems(Yamls.resource("spec/alert-policy-ref.yaml"));
        assertProblem(errors, "documents[0].spec.description", "is not stored by Surety");
        assertProblem(errors, "documents[0].spec.alertWhenResolved", "must be true");
        assertProblem(errors, "documents[0].spec.notificationTargets", "must be empty");
        assertProblem(errors, "documents[0]", "AlertPolicy 'CpuPolicy' is not used by any SLO");
        assertProblem(errors, "documents[1].spec.condition.alertAfter", "must be 0m");
        assertProblem(errors, "documents[2].kind", "AlertNotificationTarget is not supported");
    }

    @Test
    void alertPolicyWithInlineConditionIsRefusedWhereSuretyDiffers() {
        List<ImportError> errors = problems(Yamls.resource("spec/alert-policy-inline.yaml"));
        assertProblem(errors, "documents[0].spec.conditions[0].metadata.displayName", "is not stored by Surety");
        assertProblem(errors, "documents[0].spec.conditions[0].spec.condition.alertAfter", "must be 0m");
        assertProblem(errors, "documents[0].spec.notificationTargets", "must be empty");
    }

    @Test
    void calendarWindowsMultipleObjectivesAndServiceDescriptionsAreRefused() {
        List<ImportError> errors = problems(Yamls.resource("spec/objectives-and-windows.yaml"));
        assertProblem(errors, "documents[0].spec.description", "is not stored by Surety");
        assertProblem(errors, "documents[1].spec.timeWindow[0].calendar.startTime", "midnight on the first day of a month");
        assertProblem(errors, "documents[1].spec.objectives", "must hold exactly one objective");
    }

    @Test
    void everyShapeSuretyReadsImportsInAnyOrder() {
        AgreementSnapshot terms = OpenSloImporter.read(Yamls.resource("surety/agreement-as-code.yaml")).terms();
        ObjectiveSpec availability = new ObjectiveSpec("api-availability", "API availability",
                "Requests answered without a server error", SliKind.RATIO,
                new MetricSelector("telegraf", "payments", "requests", Map.of("tier", "public")), null, null, null, null,
                d("99.95"), ObjectiveSpec.CALENDAR_MONTH, Duration.ofMinutes(5), d("99.9"), Duration.ofMinutes(15),
                List.of(new BurnRateRule("page-fast", d("14.4"), Duration.ofHours(1), Duration.ofMinutes(5), "page"),
                        new BurnRateRule("ticket-slow", d("1"), Duration.ofDays(3), Duration.ofHours(6), "ticket")),
                NoDataPolicy.BAD, Duration.ofMinutes(2));
        ObjectiveSpec minutes = new ObjectiveSpec("minutes-ok", null, null, SliKind.TIME_SLICE,
                new MetricSelector("telegraf", "payments", "requests", Map.of()), Comparison.GE, d("95"), null,
                Duration.ofMinutes(5), d("99.5"), "P28D", Duration.ofMinutes(10), d("95"), null, List.of(), null, null);
        ObjectiveSpec latency = new ObjectiveSpec("p99-latency", null, null, SliKind.PERCENTILE,
                new MetricSelector("prometheus", "payments", "latency_ms", Map.of()), Comparison.LT, d("250"), d("99"),
                Duration.ofMinutes(1), d("99"), "P7D", Duration.ofMinutes(5), d("90"), null, List.of(), null, null);
        AgreementSnapshot expected = new AgreementSnapshot(ImportedAgreement.PLACEHOLDER_ID, 0, "globex", "Payments SLA",
                null, "Surety Cloud GmbH", "Globex Corporation", "payments", ImportedAgreement.PLACEHOLDER_STATUS,
                Instant.parse("2026-03-01T05:00:00Z"), null, "America/New_York",
                // the order of the Agreement document's entries, whatever the order of the SLO documents
                List.of(latency, availability, minutes), Exclusions.NONE,
                new Compensation(d("2500.00"), "USD", List.of(new CreditTier(d("99.95"), d("10")),
                        new CreditTier(d("99.0"), d("30"))), null, true, null, 60, null),
                null, null, Instant.EPOCH, null);
        assertEquals(expected, terms);
        assertEquals("99.95", terms.objective("api-availability").target().toPlainString(), "0.9995 read exactly");
    }
}
