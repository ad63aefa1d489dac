package dev.surety.credit.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.credit.reference.ReferenceAgreements;
import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.Compensation;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.CreditTier;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Statements per customer and time range, as JSON and as RFC 4180 CSV, scoped to the caller's
 * tenant for customers.
 */
@QuarkusTest
class StatementTest {

    private static final Instant OCT = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant DEC = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant JAN = Instant.parse("2027-01-01T00:00:00Z");

    @Test
    void statementAsJsonAndCsvWithTotalsPerCurrency() {
        String tenant = "tenant-" + UUID.randomUUID();
        // an agreement id with a quote and a comma, so the CSV has to quote it
        AgreementSnapshot eur = eurAgreement("agr-\"q\",e-" + UUID.randomUUID(), tenant);
        AgreementSnapshot usd = ReferenceAgreements.AWS_S3_STANDARD.snapshot("agr-u-" + UUID.randomUUID(), tenant,
                Instant.parse("2026-01-01T00:00:00Z"), null);
        EventBus.publishAgreement(eur);
        EventBus.publishAgreement(usd);
        EventBus.publishCompliance(compliance(eur, OCT, NOV, 985, 1000));          // 25 % of 1000.00 EUR
        EventBus.publishCompliance(compliance(eur, NOV, DEC, 900, 1000));          // 100 % of 1000.00 EUR
        EventBus.publishCompliance(compliance(eur, DEC, JAN, 985, 1000));          // outside [OCT, DEC)
        EventBus.publishCompliance(compliance(usd, OCT, NOV, 989_999, 1_000_000)); // 25 % of 1000.00 USD
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().auth().oauth2(token("billing", null)).queryParam("customer", tenant)
                        .when().get("/v1/credits").then().statusCode(200).body("total", equalTo(4)));
        String eurOct = creditId(eur, OCT);
        String eurNov = creditId(eur, NOV);
        String usdOct = creditId(usd, OCT);
        given().auth().oauth2(token("billing", null)).when().post("/v1/credits/" + eurNov + "/applied")
                .then().statusCode(200);

        JsonPath json = given().auth().oauth2(token("billing", null))
                .queryParam("customer", tenant).queryParam("from", OCT.toString()).queryParam("to", DEC.toString())
                .when().get("/v1/statements")
                .then().statusCode(200).contentType(startsWith("application/json")).extract().jsonPath();
        assertEquals(tenant, json.getString("customer"));
        assertEquals(OCT.toString(), json.getString("from"));
        assertEquals(DEC.toString(), json.getString("to"));
        // by period, then agreement id: October's EUR line ('"' sorts before 'u'), October's USD line, November
        assertEquals(List.of(eurOct, usdOct, eurNov), json.getList("lines.creditId"));
        assertEquals(List.of(eur.agreementId(), usd.agreementId(), eur.agreementId()), json.getList("lines.agreementId"));
        assertEquals(List.of("availability", "availability", "availability"), json.getList("lines.objectiveId"));
        assertEquals(List.of(OCT.toString(), OCT.toString(), NOV.toString()), json.getList("lines.periodStart"));
        assertEquals(List.of(NOV.toString(), NOV.toString(), DEC.toString()), json.getList("lines.periodEnd"));
        assertEquals(List.of("98.500000", "98.999900", "90.000000"), json.getList("lines.attainment"));
        assertEquals(List.of("99.0", "99.0", "95.0"), json.getList("lines.tierBelowPercent"));
        assertEquals(List.of("25", "25", "100"), json.getList("lines.creditPercent"));
        assertEquals(List.of("250.00", "250.00", "1000.00"), json.getList("lines.amount"));
        assertEquals(List.of("EUR", "USD", "EUR"), json.getList("lines.currency"));
        assertEquals(List.of("ISSUED", "ISSUED", "APPLIED"), json.getList("lines.state"));
        assertEquals(List.of("EUR", "USD"), json.getList("totals.currency"));
        assertEquals(List.of("1250.00", "250.00"), json.getList("totals.amount"));
        assertEquals(List.of(2, 1), json.getList("totals.credits"));
        assertEquals(List.of(OCT.toString(), OCT.toString(), NOV.toString()), json.getList("objectives.periodStart"));
        assertEquals(List.of("98.500000", "98.999900", "90.000000"), json.getList("objectives.attainment"));
        assertEquals(List.of("99.9", "99.9", "99.9"), json.getList("objectives.target"));
        assertEquals(List.of("FINAL", "FINAL", "FINAL"), json.getList("objectives.status"));

        // the customer itself, as CSV
        String csv = given().auth().oauth2(token("customer", tenant)).accept("text/csv")
                .queryParam("customer", tenant).queryParam("from", OCT.toString()).queryParam("to", DEC.toString())
                .when().get("/v1/statements")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        String quotedEur = "\"agr-\"\"q\"\",e-" + eur.agreementId().substring("agr-\"q\",e-".length()) + "\"";
        assertEquals(String.join("\r\n",
                "record,creditId,agreementId,objectiveId,periodStart,periodEnd,status,attainment,target,"
                        + "excludedMinutes,breaches,tierBelowPercent,creditPercent,amount,currency,state",
                "OBJECTIVE,," + quotedEur + ",availability,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,FINAL,"
                        + "98.500000,99.9,,,99.0,25,,,",
                "OBJECTIVE,," + usd.agreementId() + ",availability,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,FINAL,"
                        + "98.999900,99.9,,,99.0,25,,,",
                "OBJECTIVE,," + quotedEur + ",availability,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,FINAL,"
                        + "90.000000,99.9,,,95.0,100,,,",
                "CREDIT," + eurOct + "," + quotedEur + ",availability,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,,"
                        + "98.500000,,,,99.0,25,250.00,EUR,ISSUED",
                "CREDIT," + usdOct + "," + usd.agreementId() + ",availability,2026-10-01T00:00:00Z,"
                        + "2026-11-01T00:00:00Z,,98.999900,,,,99.0,25,250.00,USD,ISSUED",
                "CREDIT," + eurNov + "," + quotedEur + ",availability,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,,"
                        + "90.000000,,,,95.0,100,1000.00,EUR,APPLIED",
                "TOTAL,,,,,,,,,,,,,1250.00,EUR,",
                "TOTAL,,,,,,,,,,,,,250.00,USD,") + "\r\n", csv);

        // ops and provider-admin read any tenant's statement too
        for (String role : new String[] {"ops", "provider-admin"}) {
            given().auth().oauth2(token(role, null)).queryParam("customer", tenant)
                    .queryParam("from", OCT.toString()).queryParam("to", JAN.plusSeconds(1).toString())
                    .when().get("/v1/statements").then().statusCode(200)
                    .body("totals.amount", equalTo(List.of("1500.00", "250.00")));
        }
    }

    @Test
    void aCustomerGetsOnlyItsOwnStatement() {
        String acme = "tenant-" + UUID.randomUUID();
        String globex = "tenant-" + UUID.randomUUID();
        AgreementSnapshot a = eurAgreement("agr-" + UUID.randomUUID(), acme);
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(compliance(a, OCT, NOV, 985, 1000));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().auth().oauth2(token("customer", acme)).when().get("/v1/credits")
                        .then().statusCode(200).body("total", equalTo(1)));

        given().auth().oauth2(token("customer", acme)).queryParam("customer", acme)
                .queryParam("from", OCT.toString()).queryParam("to", DEC.toString())
                .when().get("/v1/statements").then().statusCode(200).body("lines.size()", equalTo(1));
        // another tenant's statement: not found, in either format, and no data in the body
        given().auth().oauth2(token("customer", globex)).queryParam("customer", acme)
                .queryParam("from", OCT.toString()).queryParam("to", DEC.toString())
                .when().get("/v1/statements").then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body(not(containsString(a.agreementId())));
        given().auth().oauth2(token("customer", globex)).accept("text/csv").queryParam("customer", acme)
                .queryParam("from", OCT.toString()).queryParam("to", DEC.toString())
                .when().get("/v1/statements").then().statusCode(404)
                .body(not(containsString(a.agreementId())));
        // its own statement has nothing of acme's
        given().auth().oauth2(token("customer", globex)).queryParam("customer", globex)
                .queryParam("from", OCT.toString()).queryParam("to", DEC.toString())
                .when().get("/v1/statements").then().statusCode(200)
                .body("lines.size()", equalTo(0)).body("totals.size()", equalTo(0));
        given().auth().oauth2(token("customer", globex)).accept("text/csv").queryParam("customer", globex)
                .queryParam("from", OCT.toString()).queryParam("to", DEC.toString())
                .when().get("/v1/statements").then().statusCode(200)
                .body(equalTo("record,creditId,agreementId,objectiveId,periodStart,periodEnd,status,attainment,"
                        + "target,excludedMinutes,breaches,tierBelowPercent,creditPercent,amount,currency,state\r\n"));
    }

    @Test
    void statementParametersAreCheckedAndRolesEnforced() {
        given().queryParam("customer", "acme").queryParam("from", OCT.toString()).queryParam("to", DEC.toString())
                .when().get("/v1/statements").then().statusCode(401);
        given().auth().oauth2(token("agent", "acme")).queryParam("customer", "acme")
                .queryParam("from", OCT.toString()).queryParam("to", DEC.toString())
                .when().get("/v1/statements").then().statusCode(403);
        given().auth().oauth2(token("billing", null)).queryParam("customer", "acme").queryParam("to", DEC.toString())
                .when().get("/v1/statements").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("from"));
        given().auth().oauth2(token("billing", null)).queryParam("customer", "acme")
                .queryParam("from", "yesterday").queryParam("to", DEC.toString())
                .when().get("/v1/statements").then().statusCode(400).body("errors.field", hasItem("from"));
        given().auth().oauth2(token("billing", null)).queryParam("customer", "acme")
                .queryParam("from", DEC.toString()).queryParam("to", OCT.toString())
                .when().get("/v1/statements").then().statusCode(400).body("errors.field", hasItem("to"));
        given().auth().oauth2(token("billing", null))
                .queryParam("from", OCT.toString()).queryParam("to", DEC.toString())
                .when().get("/v1/statements").then().statusCode(400).body("errors.field", hasItem("customer"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/statements"));
    }

    // ---- fixtures

    private static String token(String role, String tenant) {
        return SuretyTestInfra.tokens().mint("someone", tenant, role);
    }

    private static String creditId(AgreementSnapshot a, Instant periodStart) {
        return given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                .queryParam("size", 100).when().get("/v1/credits").then().statusCode(200).extract().jsonPath()
                .param("p", periodStart.toString()).getString("items.find { it.periodStart == p }.creditId");
    }

    /** Fee 1000.00 EUR; below 99.9 -> 10 %, below 99.0 -> 25 %, below 95.0 -> 100 %. */
    private static AgreementSnapshot eurAgreement(String agreementId, String tenant) {
        AgreementSnapshot base = ReferenceAgreements.AWS_S3_STANDARD.snapshot(agreementId, tenant,
                Instant.parse("2026-01-01T00:00:00Z"), null);
        Compensation eur = new Compensation(new BigDecimal("1000.00"), "EUR", List.of(
                new CreditTier(new BigDecimal("99.9"), new BigDecimal("10")),
                new CreditTier(new BigDecimal("99.0"), new BigDecimal("25")),
                new CreditTier(new BigDecimal("95.0"), new BigDecimal("100"))), null, false);
        return new AgreementSnapshot(base.agreementId(), base.version(), base.tenant(), base.name(), base.provider(),
                base.service(), base.status(), base.effectiveFrom(), base.effectiveTo(), base.timeZone(),
                base.objectives(), eur, base.updatedAt());
    }

    private static ComplianceRecord compliance(AgreementSnapshot a, Instant start, Instant end, long good, long total) {
        BigDecimal attainment = BigDecimal.valueOf(good).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(total), 6, RoundingMode.DOWN);
        return new ComplianceRecord(UUID.randomUUID().toString(), a.agreementId(), a.version(),
                ReferenceAgreements.OBJECTIVE, a.tenant(), start, end, good, total, attainment,
                new BigDecimal("99.9"), false, ComplianceStatus.FINAL);
    }
}
