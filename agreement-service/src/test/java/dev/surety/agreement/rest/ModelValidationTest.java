package dev.surety.agreement.rest;

import static dev.surety.agreement.Fixtures.AGREEMENTS;
import static dev.surety.agreement.Fixtures.admin;
import static dev.surety.agreement.Fixtures.compensation;
import static dev.surety.agreement.Fixtures.objective;
import static dev.surety.agreement.Fixtures.tenant;
import static dev.surety.agreement.Fixtures.validRequest;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of the full model, each with one failing example: the answer is 400
 * problem+json with exactly one error, on the field's JSON path, and a message that says why.
 */
@QuarkusTest
class ModelValidationTest {

    /** The fixture plus burn-rate rules on objective 1, a maintenance window and a notice period. */
    static Map<String, Object> rich() {
        Map<String, Object> r = validRequest(tenant("model"));
        objective(r, 1).put("burnRateRules", new ArrayList<>(List.of(new HashMap<>(Map.of(
                "name", "page-fast", "factor", 14.4, "longWindow", "PT1H", "shortWindow", "PT5M", "severity", "page")))));
        Map<String, Object> window = new HashMap<>(Map.of("windowId", "sunday", "title", "patching",
                "start", Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString(),
                "duration", "PT2H", "rrule", "FREQ=WEEKLY;BYDAY=SU"));
        r.put("exclusions", new HashMap<>(Map.of("maintenanceWindows", new ArrayList<>(List.of(window)),
                "minimumNotice", "P7D", "excludedCauses", new ArrayList<>(List.of("customer")))));
        return r;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> window(Map<String, Object> r, int index) {
        return ((List<Map<String, Object>>) exclusions(r).get("maintenanceWindows")).get(index);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> exclusions(Map<String, Object> r) {
        return (Map<String, Object>) r.get("exclusions");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> burn(Map<String, Object> r, int objective, int index) {
        return ((List<Map<String, Object>>) objective(r, objective).get("burnRateRules")).get(index);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> selector(Map<String, Object> r, int objective) {
        return (Map<String, Object>) objective(r, objective).get("selector");
    }

    /** Turns objective {@code i} into a valid objective of a bounded kind. */
    static void bounded(Map<String, Object> r, int i, String kind) {
        Map<String, Object> o = objective(r, i);
        o.put("sliKind", kind);
        o.put("comparison", "LE");
        o.put("bound", 300);
        if (kind.equals("PERCENTILE")) {
            o.put("percentile", 95);
            o.remove("threshold");
        }
    }

    static List<Map<String, Object>> tiers(Object... boundAndCredit) {
        List<Map<String, Object>> tiers = new ArrayList<>();
        for (int i = 0; i < boundAndCredit.length; i += 2) {
            tiers.add(Map.of("belowPercent", boundAndCredit[i], "creditPercent", boundAndCredit[i + 1]));
        }
        return tiers;
    }

    static Arguments rule(String field, String message, Consumer<Map<String, Object>> breakIt) {
        return Arguments.of(field, message, breakIt);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // target in (0, 100)
                rule("objectives[0].target", "less than 100", r -> objective(r, 0).put("target", 0)),
                rule("objectives[0].target", "less than 100", r -> objective(r, 0).put("target", 100)),
                // credit tiers: strictly ordered, non-overlapping
                rule("compensation.tiers[1].belowPercent", "must differ",
                        r -> compensation(r).put("tiers", tiers(99.9, 10, 99.90, 20))),
                rule("compensation.tiers[1].creditPercent", "larger credit",
                        r -> compensation(r).put("tiers", tiers(99.9, 25, 99.0, 10))),
                rule("compensation.tiers[2].creditPercent", "tiers[1]",
                        r -> compensation(r).put("tiers", tiers(99.99, 10, 99.0, 30, 95.0, 30))),
                rule("compensation.tiers[0].creditPercent", "tiers[2]", // listed in any order, judged sorted
                        r -> compensation(r).put("tiers", tiers(95.0, 20, 99.99, 10, 99.0, 30))),
                rule("compensation.tiers[2].belowPercent", "greater than 0",
                        r -> compensation(r).put("tiers", tiers(99.9, 10, 99.0, 25, 0, 50))),
                rule("compensation.tiers[0].creditPercent", "at most 100",
                        r -> compensation(r).put("tiers", tiers(99.9, 120))),
                // windows positive and shorter than the period (CALENDAR_MONTH: 28 days)
                rule("objectives[0].window", "longer than zero", r -> objective(r, 0).put("window", "PT0S")),
                rule("objectives[0].window", "28 days", r -> objective(r, 0).put("window", "P28D")),
                rule("objectives[1].window", "the period P30D", r -> objective(r, 1).put("window", "P30D")),
                rule("objectives[0].window", "28 days", r -> { // the default period is CALENDAR_MONTH
                    objective(r, 0).remove("period");
                    objective(r, 0).put("window", "PT720H");
                }),
                rule("objectives[0].holdTime", "must not be negative", r -> objective(r, 0).put("holdTime", "-PT1M")),
                rule("objectives[0].period", "CALENDAR_MONTH", r -> objective(r, 0).put("period", "P1M")),
                rule("objectives[0].noDataAfter", "longer than zero", r -> objective(r, 0).put("noDataAfter", "PT0S")),
                rule("objectives[0].noData", "[BAD, GOOD, IGNORE]", r -> objective(r, 0).put("noData", "SOMETIMES")),
                rule("objectives[0].slice", "longer than zero", r -> {
                    bounded(r, 0, "TIME_SLICE");
                    objective(r, 0).put("slice", "PT0S");
                }),
                rule("objectives[1].slice", "the period PT1H", r -> {
                    bounded(r, 1, "TIME_SLICE");
                    objective(r, 1).put("period", "PT1H");
                    objective(r, 1).remove("burnRateRules");
                    objective(r, 1).put("slice", "PT1H");
                }),
                rule("objectives[0].slice", "only for TIME_SLICE and PERCENTILE",
                        r -> objective(r, 0).put("slice", "PT1M")),
                // burn-rate rules
                rule("objectives[1].burnRateRules[0].shortWindow", "shorter than longWindow",
                        r -> burn(r, 1, 0).put("shortWindow", "PT1H")),
                rule("objectives[1].burnRateRules[0].longWindow", "the period P30D",
                        r -> burn(r, 1, 0).put("longWindow", "P30D")),
                rule("objectives[1].burnRateRules[0].factor", "greater than 0", r -> burn(r, 1, 0).put("factor", 0)),
                rule("objectives[1].burnRateRules[0].longWindow", "must not be blank",
                        r -> burn(r, 1, 0).remove("longWindow")),
                rule("objectives[1].burnRateRules[0].shortWindow", "longer than zero",
                        r -> burn(r, 1, 0).put("shortWindow", "-PT5M")),
                rule("objectives[1].burnRateRules[0].colour", "unknown property",
                        r -> burn(r, 1, 0).put("colour", "red")),
                // SLI kinds: comparison and bound
                rule("objectives[0].comparison", "must not be given for RATIO",
                        r -> objective(r, 0).put("comparison", "LE")),
                rule("objectives[0].bound", "must not be given for RATIO", r -> objective(r, 0).put("bound", 300)),
                rule("objectives[0].comparison", "is required for THRESHOLD", r -> {
                    bounded(r, 0, "THRESHOLD");
                    objective(r, 0).remove("comparison");
                }),
                rule("objectives[0].bound", "is required for TIME_SLICE", r -> {
                    bounded(r, 0, "TIME_SLICE");
                    objective(r, 0).remove("bound");
                }),
                rule("objectives[0].comparison", "is required for PERCENTILE", r -> {
                    bounded(r, 0, "PERCENTILE");
                    objective(r, 0).remove("comparison");
                }),
                rule("objectives[0].comparison", "[LT, LE, GT, GE, EQ]", r -> {
                    bounded(r, 0, "THRESHOLD");
                    objective(r, 0).put("comparison", "BELOW");
                }),
                // percentile and threshold
                rule("objectives[0].percentile", "is required for PERCENTILE", r -> {
                    bounded(r, 0, "PERCENTILE");
                    objective(r, 0).remove("percentile");
                }),
                rule("objectives[0].percentile", "less than 100", r -> {
                    bounded(r, 0, "PERCENTILE");
                    objective(r, 0).put("percentile", 100);
                }),
                rule("objectives[0].percentile", "only for PERCENTILE", r -> {
                    bounded(r, 0, "THRESHOLD");
                    objective(r, 0).put("percentile", 95);
                }),
                rule("objectives[0].threshold", "is required for THRESHOLD", r -> {
                    bounded(r, 0, "THRESHOLD");
                    objective(r, 0).remove("threshold");
                }),
                rule("objectives[0].threshold", "must not be given for PERCENTILE", r -> {
                    bounded(r, 0, "PERCENTILE");
                    objective(r, 0).put("threshold", 99);
                }),
                // time zones
                rule("timeZone", "IANA", r -> r.put("timeZone", "Europe/Atlantis")),
                rule("exclusions.maintenanceWindows[0].timeZone", "IANA", r -> window(r, 0).put("timeZone", "+01:00")),
                // recurrence rules
                rule("exclusions.maintenanceWindows[0].rrule", "FREQ=HOURLY is not supported",
                        r -> window(r, 0).put("rrule", "FREQ=HOURLY")),
                rule("exclusions.maintenanceWindows[0].rrule", "BYHOUR is not supported",
                        r -> window(r, 0).put("rrule", "FREQ=DAILY;BYHOUR=3")),
                rule("exclusions.maintenanceWindows[0].rrule", "produces no occurrence",
                        r -> window(r, 0).put("rrule", "FREQ=DAILY;UNTIL=20200101")),
                rule("exclusions.maintenanceWindows[0].rrule", "produces no occurrence",
                        r -> window(r, 0).put("rrule", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")),
                rule("exclusions.maintenanceWindows[0].rrule", "not NAME=VALUE",
                        r -> window(r, 0).put("rrule", "every ${sunday}")),
                // maintenance windows
                rule("exclusions.maintenanceWindows[0].duration", "recurrence interval (PT168H",
                        r -> window(r, 0).put("duration", "P7D")),
                rule("exclusions.maintenanceWindows[0].duration", "longer than zero",
                        r -> window(r, 0).put("duration", "PT0S")),
                rule("exclusions.maintenanceWindows[0].start", "must not be null", r -> window(r, 0).remove("start")),
                rule("exclusions.maintenanceWindows[0].announcedAt", "set by the server",
                        r -> window(r, 0).put("announcedAt", "2026-01-01T00:00:00Z")),
                rule("exclusions.maintenanceWindows[0].excludable", "computed by the server",
                        r -> window(r, 0).put("excludable", true)),
                rule("exclusions.maintenanceWindows[0].windowId", "letters, digits",
                        r -> window(r, 0).put("windowId", "a/b")),
                rule("exclusions.maintenanceWindows[1].windowId", "unique", r -> {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> ws = (List<Map<String, Object>>) exclusions(r).get("maintenanceWindows");
                    Map<String, Object> copy = new HashMap<>(ws.get(0));
                    copy.put("start", "2030-01-06T02:00:00Z");
                    ws.add(copy);
                }),
                rule("exclusions.maintenanceWindows[0].colour", "unknown property",
                        r -> window(r, 0).put("colour", "red")),
                rule("exclusions.minimumNotice", "must not be negative",
                        r -> exclusions(r).put("minimumNotice", "-P1D")),
                rule("exclusions.excludedCauses[0]", "must not be blank",
                        r -> exclusions(r).put("excludedCauses", List.of(" "))),
                rule("exclusions.colour", "unknown property", r -> exclusions(r).put("colour", "red")),
                // money
                rule("compensation.currency", "ISO 4217", r -> compensation(r).put("currency", "XAU")),
                rule("compensation.monthlyFee", "0 decimal places for JPY", r -> {
                    compensation(r).put("currency", "JPY");
                    compensation(r).put("monthlyFee", 1000.5);
                }),
                rule("compensation.minimumCredit", "2 decimal places for EUR",
                        r -> compensation(r).put("minimumCredit", new BigDecimal("1.005"))),
                rule("compensation.minimumCredit", "0 decimal places for JPY", r -> {
                    compensation(r).put("currency", "JPY");
                    compensation(r).put("minimumCredit", 1.5);
                }),
                rule("compensation.minimumCredit", "0 or more", r -> compensation(r).put("minimumCredit", -1)),
                rule("compensation.claimWindowDays", "between 1 and 365", r -> {
                    compensation(r).put("claimRequired", true);
                    compensation(r).put("claimWindowDays", 0);
                }),
                rule("compensation.claimWindowDays", "between 1 and 365", r -> {
                    compensation(r).put("claimRequired", true);
                    compensation(r).put("claimWindowDays", 366);
                }),
                rule("compensation.claimWindowDays", "only applies when claimRequired",
                        r -> compensation(r).put("claimWindowDays", 30)),
                rule("compensation.aggregation", "[HIGHEST, SUM]", r -> compensation(r).put("aggregation", "MAX")),
                rule("compensation.colour", "unknown property", r -> compensation(r).put("colour", "red")),
                // selectors
                rule("objectives[0].selector.service", "must not be blank", r -> selector(r, 0).put("service", " ")),
                rule("objectives[0].selector.metric", "must not be blank", r -> selector(r, 0).remove("metric")),
                rule("objectives[0].selector.source", "not be blank", r -> selector(r, 0).put("source", "  ")),
                rule("objectives[0].selector.colour", "unknown property", r -> selector(r, 0).put("colour", "red")),
                // overview, responsibilities, security terms
                rule("customerName", "size must be", r -> r.put("customerName", "x".repeat(201))),
                rule("objectives[0].description", "size must be",
                        r -> objective(r, 0).put("description", "x".repeat(4001))),
                rule("securityTerms", "size must be", r -> r.put("securityTerms", "x".repeat(20001))),
                rule("responsibilities.measuredBy", "size must be",
                        r -> r.put("responsibilities", Map.of("measuredBy", "x".repeat(2001)))),
                rule("responsibilities.colour", "unknown property", r -> r.put("responsibilities", Map.of("colour", "x"))),
                // dates and ids
                rule("effectiveTo", "after effectiveFrom", r -> {
                    r.put("effectiveFrom", "2026-06-01T00:00:00Z");
                    r.put("effectiveTo", "2026-06-01T00:00:00Z");
                }),
                rule("objectives[1].id", "unique", r -> objective(r, 1).put("id", "availability")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rules")
    void eachRuleNamesTheField(String field, String message, Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> r = rich();
        breakIt.accept(r);
        admin().contentType("application/json").body(r).post(AGREEMENTS).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", contains(field))
                .body("errors[0].message", containsString(message))
                .body(not(containsString("Exception")));
    }

    @Test
    void theRichFixtureItselfIsValid() {
        admin().contentType("application/json").body(rich()).post(AGREEMENTS).then().statusCode(201)
                .body("exclusions.maintenanceWindows[0].excludable", equalTo(true))
                .body("objectives[1].burnRateRules[0].factor", org.hamcrest.Matchers.hasToString("14.4"));
    }
}
