package dev.surety.agreement.openslo;

import static dev.surety.agreement.openslo.Yamls.assertProblem;
import static dev.surety.agreement.openslo.Yamls.edit;
import static dev.surety.agreement.openslo.Yamls.problems;
import static dev.surety.agreement.openslo.Yamls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case breaks the valid {@code base.yaml} (documents[0] Agreement, [1] Service, [2] SLI, [3] SLO
 * availability, [4] SLO latency, [5] AlertPolicy, [6] AlertCondition) in one way and names where the
 * user must look and what the message must say.
 */
class OpenSloImportErrorsTest {

    static final String BASE = Yamls.resource("base.yaml");

    static Arguments c(String name, UnaryOperator<String> edit, String path, String fragment) {
        return Arguments.of(name, edit, path, fragment);
    }

    static UnaryOperator<String> replace(String from, String to) {
        return y -> edit(y, from, to);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("unknown kind", replace("kind: Service", "kind: Services"),
                        "documents[1].kind", "unknown kind 'Services'; expected one of: Service, SLI, SLO"),
                c("unsupported apiVersion", replace("apiVersion: openslo/v1\nkind: Service", "apiVersion: openslo/v1alpha\nkind: Service"),
                        "documents[1].apiVersion", "unsupported apiVersion 'openslo/v1alpha'"),
                c("Agreement under the OpenSLO api version", replace("apiVersion: surety.dev/v1", "apiVersion: openslo/v1"),
                        "documents[0].apiVersion", "use apiVersion surety.dev/v1"),
                c("notification target kind", y -> y + "---\napiVersion: openslo/v1\nkind: AlertNotificationTarget\n"
                                + "metadata:\n  name: mail\nspec:\n  target: email\n",
                        "documents[7].kind", "AlertNotificationTarget is not supported"),
                c("duplicate SLO name", replace("  name: latency\n", "  name: availability\n"),
                        "documents[4].metadata.name", "duplicate SLO name 'availability' (also documents[3])"),
                c("indicatorRef to a missing SLI", replace("indicatorRef: storefront-requests", "indicatorRef: storefront-request"),
                        "documents[3].spec.indicatorRef", "no SLI named 'storefront-request'"),
                c("alertPolicyRef to a missing policy", replace("alertPolicyRef: fast-burn", "alertPolicyRef: slow-burn"),
                        "documents[3].spec.alertPolicies[0].alertPolicyRef", "no AlertPolicy named 'slow-burn'"),
                c("conditionRef to a missing condition", replace("conditionRef: fast-burn-1h", "conditionRef: fast-burn-6h"),
                        "documents[5].spec.conditions[0].conditionRef", "no AlertCondition named 'fast-burn-6h'"),
                c("Prometheus metric source", replace("    good:\n      metricSource:\n        type: Surety",
                                "    good:\n      metricSource:\n        type: Prometheus"),
                        "documents[2].spec.ratioMetric.good.metricSource.type", "metric source type 'Prometheus' is not supported"),
                c("unknown field in an SLO", replace("  budgetingMethod: Occurrences\n  objectives:\n    - targetPercent",
                                "  budgetMethod: Occurrences\n  budgetingMethod: Occurrences\n  objectives:\n    - targetPercent"),
                        "documents[3].spec.budgetMethod", "unknown field; expected one of: alertPolicies, budgetingMethod"),
                c("number written as a string", replace("targetPercent: 99.9", "targetPercent: \"99.9\""),
                        "documents[3].spec.objectives[0].targetPercent", "must be a number"),
                c("list where a mapping belongs", replace("  exclusions:\n", "  exclusions: []\n  unused:\n"),
                        "documents[0].spec.exclusions", "must be a mapping"),
                c("RatioTimeslices", replace("budgetingMethod: Occurrences\n  objectives:\n    - targetPercent",
                                "budgetingMethod: RatioTimeslices\n  objectives:\n    - targetPercent"),
                        "documents[3].spec.budgetingMethod", "RatioTimeslices is not supported"),
                c("rolling month", replace("duration: 28d", "duration: 1M"),
                        "documents[4].spec.timeWindow[0].duration", "has no fixed length"),
                c("calendar quarter", replace("duration: 1M\n      isRolling: false", "duration: 1Q\n      isRolling: false"),
                        "documents[3].spec.timeWindow[0].duration", "must be 1M"),
                c("calendar in another zone", replace("        timeZone: Europe/Berlin", "        timeZone: Europe/London"),
                        "documents[3].spec.timeWindow[0].calendar.timeZone", "must be the agreement's time zone 'Europe/Berlin'"),
                c("calendar not starting a month", replace("startTime: 2026-01-01 00:00:00", "startTime: 2026-01-15 12:30:00"),
                        "documents[3].spec.timeWindow[0].calendar.startTime", "midnight on the first day of a month"),
                c("no Agreement document", y -> y.substring(y.indexOf("---\napiVersion: openslo/v1\nkind: Service")),
                        "documents", "an Agreement document (apiVersion surety.dev/v1, kind Agreement) is required"),
                c("Agreement entry for an unknown SLO", replace("    - slo: latency\n", "    - slo: latencyy\n"),
                        "documents[0].spec.objectives[1].slo", "no SLO named 'latencyy'"),
                c("SLO without Agreement entry", replace("    - slo: latency\n      window: PT10M\n      threshold: 95\n", ""),
                        "documents[0].spec.objectives", "no entry for SLO 'latency'"),
                c("alert delay", replace("alertAfter: 0m", "alertAfter: 5m"),
                        "documents[6].spec.condition.alertAfter", "must be 0m"),
                c("non burn-rate condition", replace("kind: burnrate", "kind: threshold"),
                        "documents[6].spec.condition.kind", "only burnrate conditions are supported"),
                c("labels on metadata", replace("  name: storefront-requests\n", "  name: storefront-requests\n  labels:\n    team: web\n"),
                        "documents[2].metadata.labels", "labels are not stored by Surety"),
                c("foreign annotation", replace("  name: fast-burn-1h\n", "  name: fast-burn-1h\n  annotations:\n    openslo.com/x: y\n"),
                        "documents[6].metadata.annotations[\"openslo.com/x\"]", "Surety reads only surety.dev/short-window"),
                c("target fraction out of range", replace("target: 0.99", "target: 99"),
                        "documents[4].spec.objectives[0].target", "must be at least 0 and less than 1"),
                c("target and targetPercent", replace("target: 0.99", "target: 0.99\n      targetPercent: 99"),
                        "documents[4].spec.objectives[0].targetPercent", "give target or targetPercent, not both"),
                c("good and total select different metrics", replace("    total:\n      metricSource:\n        type: Surety\n        spec:\n          service: storefront\n          metric: http_requests",
                                "    total:\n      metricSource:\n        type: Surety\n        spec:\n          service: storefront\n          metric: http_requests_total"),
                        "documents[2].spec.ratioMetric.total.metricSource.spec", "must select the same Surety metric as good"),
                c("cumulative counter", replace("counter: false", "counter: true"),
                        "documents[2].spec.ratioMetric.counter", "not cumulative counters"),
                c("precomputed ratio", replace("    counter: false\n", "    counter: false\n    rawType: success\n"),
                        "documents[2].spec.ratioMetric.rawType", "precomputed ratios are not supported"),
                c("unused SLI document", y -> y + "---\napiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: spare\nspec:\n"
                                + "  thresholdMetric:\n    metricSource:\n      type: Surety\n      spec:\n        service: s\n        metric: m\n",
                        "documents[7]", "SLI 'spare' is not used by any SLO"),
                c("malformed YAML", replace("kind: Service\n", "kind: Service\n  - oops: [\n"),
                        "documents[1]", "is not valid YAML"),
                c("duplicate key", replace("  provider: Surety Cloud GmbH\n", "  provider: Surety Cloud GmbH\n  provider: Other\n"),
                        "documents[0]", "duplicate key 'provider'"),
                c("unsupported RRULE", replace("FREQ=WEEKLY;BYDAY=SU", "FREQ=HOURLY"),
                        "documents[0].spec.exclusions.maintenanceWindows[0].rrule", "is not a supported RRULE"),
                c("SLO name that cannot be an objective id", replace("  name: availability\n  displayName", "  name: avail/ability\n  displayName"),
                        "documents[3].metadata.name", "it becomes the objective's id"),
                c("said in the SLO and the Agreement", replace("      window: PT10M\n", "      window: PT10M\n      comparison: LT\n"),
                        "documents[0].spec.objectives[1].comparison", "the SLO 'latency' already gives it"),
                c("timeSliceTarget on a threshold metric", replace("target: 0.99", "target: 0.99\n      timeSliceTarget: 0.9\n      timeSliceWindow: 1m")
                                .andThen(replace("duration: 28d\n      isRolling: true\n  budgetingMethod: Occurrences",
                                        "duration: 28d\n      isRolling: true\n  budgetingMethod: Timeslices"))::apply,
                        "documents[4].spec.objectives[0].timeSliceTarget", "is not supported with a thresholdMetric"),
                c("percentile counted by occurrences", replace("            metric: latency_ms\n", "            metric: latency_ms\n            percentile: 95\n"),
                        "documents[4].spec", "needs budgetingMethod Timeslices"),
                c("inline indicator of another kind", replace("  indicator:\n    metadata:", "  indicator:\n    kind: SLO\n    metadata:"),
                        "documents[4].spec.indicator.kind", "must be SLI"),
                c("missing compensation", replace("  compensation:\n    monthlyFee", "  compensationx:\n    monthlyFee"),
                        "documents[0].spec.compensation", "is required"),
                c("server-computed window field", replace("        duration: PT2H\n", "        duration: PT2H\n        excludable: true\n"),
                        "documents[0].spec.exclusions.maintenanceWindows[0].excludable", "is computed by Surety"),
                c("notification targets", replace("  alertWhenBreaching: true\n", "  alertWhenBreaching: true\n  notificationTargets:\n    - targetRef: mail\n"),
                        "documents[5].spec.notificationTargets", "must be empty"),
                c("two objectives in one SLO", replace("    - targetPercent: 99.9\n", "    - targetPercent: 99.9\n    - targetPercent: 99\n"),
                        "documents[3].spec.objectives", "must hold exactly one objective"),
                c("bad enum in the Agreement", replace("      threshold: 95\n", "      threshold: 95\n      noData: SILENT\n"),
                        "documents[0].spec.objectives[1].noData", "must be one of BAD, GOOD, IGNORE"),
                c("two Services", y -> y + "---\napiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: other\n",
                        "documents[7].kind", "an agreement covers one service"),
                c("misspelt top-level field", replace("kind: SLI\nmetadata:", "kind: SLI\nmetdata:\n  name: x\nmetadata:"),
                        "documents[2].metdata", "unknown field; expected one of: apiVersion, kind, metadata, spec"),
                c("unknown Surety kind", replace("kind: Agreement", "kind: Contract"),
                        "documents[0].kind", "unknown kind 'Contract' for apiVersion surety.dev/v1; expected Agreement"),
                c("missing spec", replace("  name: fast-burn-1h\nspec:", "  name: fast-burn-1h\nnotspec:"),
                        "documents[6].spec", "is required"),
                c("SLO service not the Service document", replace("  service: storefront\n  indicatorRef", "  service: backoffice\n  indicatorRef"),
                        "documents[3].spec.service", "no Service named 'backoffice'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsWithPathAndReason(String name, UnaryOperator<String> edit, String path, String fragment) {
        assertProblem(problems(edit.apply(BASE)), path, fragment);
    }

    @Test
    void theBaseDocumentImports() {
        assertEquals(2, OpenSloImporter.read(BASE).terms().objectives().size());
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        String yaml = edit(edit(edit(BASE, "kind: Service", "kind: Servise"), "targetPercent: 99.9", "targetPercent: high"),
                "lookbackWindow: 1h", "lookbackWindow: an hour");
        List<ImportError> errors = problems(yaml);
        assertProblem(errors, "documents[1].kind", "unknown kind 'Servise'");
        assertProblem(errors, "documents[3].spec.objectives[0].targetPercent", "must be a number");
        assertProblem(errors, "documents[6].spec.condition.lookbackWindow", "duration shorthand");
        assertEquals(3, errors.size(), render(errors));
        assertEquals(List.of("documents[1].kind", "documents[3].spec.objectives[0].targetPercent",
                "documents[6].spec.condition.lookbackWindow"), errors.stream().map(ImportError::path).toList(),
                "in document order");
    }

    @Test
    void emptyInputIsRefused() {
        assertProblem(problems("# nothing here\n"), "documents", "no YAML documents found");
        assertProblem(problems(""), "documents", "no YAML documents found");
    }
}
