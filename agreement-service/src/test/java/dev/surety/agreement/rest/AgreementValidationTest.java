package dev.surety.agreement.rest;

import static dev.surety.agreement.Fixtures.AGREEMENTS;
import static dev.surety.agreement.Fixtures.admin;
import static dev.surety.agreement.Fixtures.compensation;
import static dev.surety.agreement.Fixtures.objective;
import static dev.surety.agreement.Fixtures.tenant;
import static dev.surety.agreement.Fixtures.validRequest;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input is refused with a problem document that names every offending field by JSON path. */
@QuarkusTest
class AgreementValidationTest {

    private static ValidatableResponse post(Object body) {
        return admin().contentType("application/json").body(body).post(AGREEMENTS).then();
    }

    private static ValidatableResponse rejected(Object body) {
        return post(body).statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("detail", notNullValue())
                // Never leak implementation details.
                .body(not(containsString("Exception")))
                .body(not(containsString("dev.surety")))
                .body(not(containsString("com.fasterxml")));
    }

    @Test
    void targetAbove100() {
        Map<String, Object> r = validRequest(tenant("v"));
        objective(r, 0).put("target", 150);
        rejected(r).body("errors.field", contains("objectives[0].target"))
                .body("errors[0].message", containsString("less than 100"));
    }

    @Test
    void unknownCurrency() {
        Map<String, Object> r = validRequest(tenant("v"));
        compensation(r).put("currency", "EURO");
        rejected(r).body("errors.field", contains("compensation.currency"));
    }

    @Test
    void unknownTimeZone() {
        Map<String, Object> r = validRequest(tenant("v"));
        r.put("timeZone", "Mars/Olympus_Mons");
        rejected(r).body("errors.field", contains("timeZone"));
        r.put("timeZone", "+02:00");
        rejected(r).body("errors.field", contains("timeZone"));
    }

    @Test
    void missingOrEmptyObjectives() {
        Map<String, Object> r = validRequest(tenant("v"));
        r.remove("objectives");
        rejected(r).body("errors.field", contains("objectives"));
        r.put("objectives", List.of());
        rejected(r).body("errors.field", contains("objectives"));
    }

    @Test
    void unknownPropertyIsNamed() {
        Map<String, Object> r = validRequest(tenant("v"));
        r.put("colour", "blue");
        rejected(r).body("errors.field", contains("colour")).body("errors[0].message", equalTo("unknown property"));

        Map<String, Object> nested = validRequest(tenant("v"));
        objective(nested, 1).put("weight", 3);
        rejected(nested).body("errors.field", contains("objectives[1].weight"));
    }

    @Test
    void malformedJson() {
        rejected("{\"name\": \"x\",").body("errors.field", contains("body"))
                .body("errors[0].message", containsString("malformed JSON"));
        rejected("{\"name\": \"x\"} trailing").body("errors.field", contains("body"));
    }

    @Test
    void onlyJsonIsAccepted() {
        admin().contentType("text/plain").body("name=x").post(AGREEMENTS)
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void emptyBody() {
        rejected("").body("errors.field", contains("body"));
    }

    @Test
    void wrongTypesAreNamed() {
        Map<String, Object> r = validRequest(tenant("v"));
        objective(r, 0).put("target", "high");
        rejected(r).body("errors.field", contains("objectives[0].target"))
                .body("errors[0].message", equalTo("must be a number"));

        Map<String, Object> kind = validRequest(tenant("v"));
        objective(kind, 0).put("sliKind", "LATENCY");
        rejected(kind).body("errors.field", contains("objectives[0].sliKind"));

        Map<String, Object> from = validRequest(tenant("v"));
        from.put("effectiveFrom", "yesterday");
        rejected(from).body("errors.field", contains("effectiveFrom"));
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        Map<String, Object> r = validRequest(tenant("v"));
        r.remove("name");
        objective(r, 0).put("threshold", 0);
        objective(r, 1).put("window", "five minutes");
        objective(r, 1).put("holdTime", "-PT1M");
        compensation(r).put("monthlyFee", -5);
        rejected(r).body("errors.field", containsInAnyOrder("name", "objectives[0].threshold",
                "objectives[1].window", "objectives[1].holdTime", "compensation.monthlyFee"));
    }

    @Test
    void windowMustBeShorterThanADurationPeriod() {
        Map<String, Object> r = validRequest(tenant("v"));
        objective(r, 1).put("period", "PT2M");
        objective(r, 1).put("window", "PT2M");
        rejected(r).body("errors.field", contains("objectives[1].window"));
        objective(r, 1).put("period", "soon");
        objective(r, 1).put("window", "PT1M");
        rejected(r).body("errors.field", contains("objectives[1].period"));
    }

    @Test
    void creditScheduleRules() {
        Map<String, Object> r = validRequest(tenant("v"));
        compensation(r).put("tiers", List.of(Map.of("belowPercent", 99.9, "creditPercent", 10),
                Map.of("belowPercent", 99.90, "creditPercent", 20)));
        rejected(r).body("errors.field", contains("compensation.tiers[1].belowPercent"));

        Map<String, Object> yen = validRequest(tenant("v"));
        compensation(yen).put("currency", "JPY");
        compensation(yen).put("monthlyFee", 1000.5);
        rejected(yen).body("errors.field", contains("compensation.monthlyFee"));

        Map<String, Object> none = validRequest(tenant("v"));
        compensation(none).put("tiers", List.of());
        compensation(none).put("capPercent", 120);
        rejected(none).body("errors.field", containsInAnyOrder("compensation.tiers", "compensation.capPercent"));
    }

    @Test
    void objectiveIdsAreUniqueAndSafeForKafkaKeys() {
        Map<String, Object> r = validRequest(tenant("v"));
        objective(r, 0).put("id", "objective-2");
        rejected(r).body("errors.field", contains("objectives[1].id"));
        objective(r, 0).put("id", "a/b");
        rejected(r).body("errors.field", contains("objectives[0].id"));
    }

    @Test
    void effectiveToMustFollowEffectiveFrom() {
        Map<String, Object> r = validRequest(tenant("v"));
        r.put("effectiveFrom", "2026-06-01T00:00:00Z");
        r.put("effectiveTo", "2026-05-01T00:00:00Z");
        rejected(r).body("errors.field", contains("effectiveTo"));
    }

    @Test
    void rejectedRequestsCreateNothing() {
        String customer = tenant("nothing");
        Map<String, Object> r = validRequest(customer);
        objective(r, 0).put("target", 100);
        rejected(r);
        admin().queryParam("customer", customer).get(AGREEMENTS).then().statusCode(200).body("total", equalTo(0));
    }
}
