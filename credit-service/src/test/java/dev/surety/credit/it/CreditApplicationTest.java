package dev.surety.credit.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.credit.reference.ReferenceAgreements;
import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.Compensation;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Billing acknowledges issued credits as applied: ISSUED -> APPLIED, idempotent, billing only. */
@QuarkusTest
class CreditApplicationTest {

    private static final Instant OCT = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void billingAppliesAnIssuedCreditOnceAndAgainWithTheSameResult() {
        String tenant = "tenant-" + UUID.randomUUID();
        AgreementSnapshot a = agreement(tenant, false);
        String creditId = creditFor(a);
        BigDecimal appliedBefore = appliedCount();

        JsonPath first = given().auth().oauth2(token("billing", null, "bill-o-matic"))
                .when().post("/v1/credits/" + creditId + "/applied")
                .then().statusCode(200)
                .body("state", equalTo("APPLIED"))
                .body("appliedBy", equalTo("bill-o-matic"))
                .body("appliedAt", notNullValue())
                .body("amount", equalTo("250.00"))
                .extract().jsonPath();
        // again, by someone else: same result, the first acknowledgement stands
        JsonPath second = given().auth().oauth2(token("billing", null, "someone-else"))
                .when().post("/v1/credits/" + creditId + "/applied")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(first.getMap(""), second.getMap(""));
        assertEquals(0, BigDecimal.ONE.compareTo(appliedCount().subtract(appliedBefore)), "one transition counted");

        // the ledger shows it applied, to billing and to the customer
        given().auth().oauth2(token("billing", null, "b")).queryParam("agreementId", a.agreementId())
                .queryParam("state", "APPLIED").when().get("/v1/credits").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].creditId", equalTo(creditId))
                .body("items[0].appliedAt", equalTo(first.getString("appliedAt")));
        given().auth().oauth2(token("billing", null, "b")).queryParam("agreementId", a.agreementId())
                .queryParam("state", "ISSUED").when().get("/v1/credits").then().statusCode(200)
                .body("total", equalTo(0));
        given().auth().oauth2(token("customer", tenant, "c")).when().get("/v1/credits/" + creditId)
                .then().statusCode(200).body("state", equalTo("APPLIED"))
                .body("appliedBy", equalTo("bill-o-matic"));
    }

    @Test
    void anEntitledCreditCannotBeAppliedUntilClaimed() {
        AgreementSnapshot a = agreement("tenant-" + UUID.randomUUID(), true);
        String creditId = creditFor(a);
        given().auth().oauth2(token("billing", null, "b")).when().post("/v1/credits/" + creditId + "/applied")
                .then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(409))
                .body("title", equalTo("Conflict"))
                .body("detail", equalTo("Credit is ENTITLED; only an ISSUED credit can be applied."));
        given().auth().oauth2(token("billing", null, "b")).when().get("/v1/credits/" + creditId)
                .then().statusCode(200).body("state", equalTo("ENTITLED")).body("appliedAt", nullValue());
    }

    @Test
    void onlyBillingAcknowledges() {
        String tenant = "tenant-" + UUID.randomUUID();
        String creditId = creditFor(agreement(tenant, false));
        given().when().post("/v1/credits/" + creditId + "/applied").then().statusCode(401);
        for (String role : new String[] {"customer", "ops", "provider-admin", "agent"}) {
            given().auth().oauth2(token(role, tenant, "x")).when().post("/v1/credits/" + creditId + "/applied")
                    .then().statusCode(403);
        }
        given().auth().oauth2(token("billing", null, "b")).when().get("/v1/credits/" + creditId)
                .then().statusCode(200).body("state", equalTo("ISSUED"));
        given().auth().oauth2(token("billing", null, "b")).when().post("/v1/credits/" + UUID.randomUUID() + "/applied")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(token("billing", null, "b")).when().post("/v1/credits/not-a-uuid/applied")
                .then().statusCode(404);
        given().when().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/v1/credits/{creditId}/applied"));
        given().auth().oauth2(token("billing", null, "b")).queryParam("state", "PAID").when().get("/v1/credits")
                .then().statusCode(400).body("errors.field", hasItem("state"))
                .body("errors.message", not(hasItem(startsWith("must be ISSUED or ENTITLED"))));
    }

    // ---- fixtures

    private static BigDecimal appliedCount() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("surety_credits_applied_total"))
                .map(l -> new BigDecimal(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }

    private static String token(String role, String tenant, String subject) {
        return SuretyTestInfra.tokens().mint(subject, tenant, role);
    }

    /** Publishes the agreement and a FINAL October below 99.0 (25 % of 1000.00 USD), returns the credit id. */
    private static String creditFor(AgreementSnapshot a) {
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(new ComplianceRecord(UUID.randomUUID().toString(), a.agreementId(), 1,
                ReferenceAgreements.OBJECTIVE, a.tenant(), OCT, NOV, 985, 1000, new BigDecimal("98.500000"),
                new BigDecimal("99.9"), false, ComplianceStatus.FINAL));
        return await().atMost(Duration.ofSeconds(60)).until(() ->
                given().auth().oauth2(token("billing", null, "b")).queryParam("agreementId", a.agreementId())
                        .when().get("/v1/credits").then().statusCode(200)
                        .extract().jsonPath().getString("items[0].creditId"), id -> id != null);
    }

    private static AgreementSnapshot agreement(String tenant, boolean claimRequired) {
        AgreementSnapshot s3 = ReferenceAgreements.AWS_S3_STANDARD.snapshot("agr-" + UUID.randomUUID(), tenant,
                Instant.parse("2026-01-01T00:00:00Z"), null);
        Compensation c = s3.compensation();
        return new AgreementSnapshot(s3.agreementId(), s3.version(), s3.tenant(), s3.name(), s3.provider(),
                s3.service(), s3.status(), s3.effectiveFrom(), s3.effectiveTo(), s3.timeZone(), s3.objectives(),
                new Compensation(c.monthlyFee(), c.currency(), c.tiers(), c.capPercent(), claimRequired),
                s3.updatedAt());
    }
}
