package dev.surety.credit.it;

import static dev.surety.credit.it.Fixtures.DEC;
import static dev.surety.credit.it.Fixtures.JAN;
import static dev.surety.credit.it.Fixtures.NOV;
import static dev.surety.credit.it.Fixtures.OCT;
import static dev.surety.credit.it.Fixtures.agreement;
import static dev.surety.credit.it.Fixtures.eur;
import static dev.surety.credit.it.Fixtures.fin;
import static dev.surety.credit.it.Fixtures.key;
import static dev.surety.credit.it.Fixtures.ofType;
import static dev.surety.credit.it.Fixtures.tenant;
import static dev.surety.credit.it.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.credit.service.CreditLedgerService;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.CreditAdjusted;
import dev.surety.events.CreditAggregation;
import dev.surety.events.CreditIssued;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The ledger rules of issue 6 through Kafka and PostgreSQL: late data, duplicates and replays,
 * the minimum credit, several objectives (HIGHEST and SUM), the version in force at the period's
 * end, and provisional records.
 */
@QuarkusTest
class LedgerRulesTest {

    private static final String AVAILABILITY = "availability";
    private static final String LATENCY = "latency";

    @Inject
    AgroalDataSource db;

    @Test
    void lateDataAdjustsTheIssuedCreditExactlyOnce() {
        AgreementSnapshot a = agreement(tenant(), eur("1000.00", null, false, null, null, null), AVAILABILITY);
        EventBus.publishAgreement(a);
        ComplianceRecord first = fin(a, AVAILABILITY, OCT, NOV, 985, 1000);   // 25 % -> 250.00
        ComplianceRecord late = fin(a, AVAILABILITY, OCT, NOV, 900, 1000);    // 100 % -> 1000.00
        EventBus.publishCompliance(first);
        EventBus.publishCompliance(first);                                      // duplicate delivery
        EventBus.publishCompliance(late);
        EventBus.publishCompliance(late);                                       // the late record redelivered
        EventBus.publishCompliance(fin(a, AVAILABILITY, OCT, NOV, 900, 1000)); // same figures, new id: nothing
        EventBus.publishCompliance(fin(a, AVAILABILITY, NOV, DEC, 985, 1000)); // barrier (same partition)
        String oct = key(a, AVAILABILITY, OCT);
        List<ConsumerRecord<String, byte[]>> events = EventBus.readCreditsUntil(rs ->
                !ofType(rs, key(a, AVAILABILITY, NOV), EventType.CREDIT_ISSUED).isEmpty()
                        && !ofType(rs, oct, EventType.CREDIT_ADJUSTED).isEmpty());

        assertEquals(1, ofType(events, oct, EventType.CREDIT_ISSUED).size(), "one CreditIssued");
        List<ConsumerRecord<String, byte[]>> adjustments = ofType(events, oct, EventType.CREDIT_ADJUSTED);
        assertEquals(1, adjustments.size(), "one CreditAdjusted");
        CreditIssued issued = EventCodec.decode(ofType(events, oct, EventType.CREDIT_ISSUED).get(0).value(),
                CreditIssued.class);
        assertEquals("250.00", issued.amount().toPlainString());
        CreditAdjusted adjusted = EventCodec.decode(adjustments.get(0).value(), CreditAdjusted.class);
        assertEquals(CreditLedgerService.adjustedEventId(oct, late.id()).toString(), adjusted.id());
        assertEquals(issued.creditId(), adjusted.creditId());
        assertEquals(oct, adjusted.idempotencyKey());
        assertEquals("250.00", adjusted.previousAmount().toPlainString());
        assertEquals("1000.00", adjusted.newAmount().toPlainString());
        assertEquals("750.00", adjusted.delta().toPlainString());
        assertEquals("EUR", adjusted.currency());
        assertEquals("late data: attainment 98.500000 → 90.000000", adjusted.reason());

        given().auth().oauth2(token("billing", null)).when().get("/v1/credits/" + issued.creditId())
                .then().statusCode(200)
                .body("amount", equalTo("1000.00"))
                .body("state", equalTo("ISSUED"))
                .body("reason", equalTo("late data: attainment 98.500000 → 90.000000"));
        assertEquals(List.of("computed", "late data: attainment 98.500000 → 90.000000"),
                history(issued.creditId()));
        assertEquals(1, ledgerRows(a.agreementId(), OCT));
    }

    @Test
    void lateDataThatRemovesAnIssuedCreditAdjustsItToZero() {
        AgreementSnapshot a = agreement(tenant(), eur("1000.00", null, false, null, null, null), AVAILABILITY);
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(fin(a, AVAILABILITY, OCT, NOV, 985, 1000));
        EventBus.publishCompliance(fin(a, AVAILABILITY, OCT, NOV, 999, 1000)); // exactly 99.9: no tier any more
        String oct = key(a, AVAILABILITY, OCT);
        List<ConsumerRecord<String, byte[]>> events = EventBus.readCreditsUntil(rs ->
                !ofType(rs, oct, EventType.CREDIT_ADJUSTED).isEmpty());
        assertEquals(1, ofType(events, oct, EventType.CREDIT_ISSUED).size());
        CreditAdjusted adjusted = EventCodec.decode(ofType(events, oct, EventType.CREDIT_ADJUSTED).get(0).value(),
                CreditAdjusted.class);
        assertEquals("250.00", adjusted.previousAmount().toPlainString());
        assertEquals("0.00", adjusted.newAmount().toPlainString());
        assertEquals("-250.00", adjusted.delta().toPlainString());
        given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                .when().get("/v1/credits").then().statusCode(200)
                .body("items[0].amount", equalTo("0.00")).body("items[0].state", equalTo("ISSUED"));
    }

    @Test
    void lateDataOnAnUnclaimedCreditChangesItWithoutTellingBilling() throws Exception {
        String tenant = tenant();
        AgreementSnapshot raised = agreement(tenant, eur("1000.00", null, true, null, null, null), AVAILABILITY);
        AgreementSnapshot voided = agreement(tenant, eur("1000.00", null, true, null, null, null), AVAILABILITY);
        for (AgreementSnapshot a : List.of(raised, voided)) {
            EventBus.publishAgreement(a);
            EventBus.publishCompliance(fin(a, AVAILABILITY, OCT, NOV, 985, 1000));
        }
        EventBus.publishCompliance(fin(raised, AVAILABILITY, OCT, NOV, 900, 1000));
        EventBus.publishCompliance(fin(voided, AVAILABILITY, OCT, NOV, 1000, 1000));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().auth().oauth2(token("billing", null)).queryParam("agreementId", raised.agreementId())
                    .when().get("/v1/credits").then().statusCode(200)
                    .body("items[0].state", equalTo("ENTITLED")).body("items[0].amount", equalTo("1000.00"));
            given().auth().oauth2(token("billing", null)).queryParam("agreementId", voided.agreementId())
                    .when().get("/v1/credits").then().statusCode(200)
                    .body("items[0].state", equalTo("VOIDED")).body("items[0].amount", equalTo("0.00"));
        });
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM outbox WHERE event_key IN (?, ?)")) {
            s.setString(1, key(raised, AVAILABILITY, OCT));
            s.setString(2, key(voided, AVAILABILITY, OCT));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "nothing was ever published for unclaimed credits");
            }
        }
        // billing filters by period and state
        given().auth().oauth2(token("billing", null)).queryParam("customer", tenant)
                .queryParam("from", OCT.toString()).queryParam("to", NOV.toString()).queryParam("state", "VOIDED")
                .when().get("/v1/credits").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].agreementId", equalTo(voided.agreementId()));
        given().auth().oauth2(token("billing", null)).queryParam("customer", tenant)
                .queryParam("from", NOV.toString()).queryParam("to", DEC.toString())
                .when().get("/v1/credits").then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(token("billing", null)).queryParam("from", NOV.toString())
                .queryParam("to", OCT.toString()).when().get("/v1/credits").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("to"));
    }

    @Test
    void aCreditBelowTheMinimumIsKeptButNotPaid() throws Exception {
        String tenant = tenant();
        // 25 % of 1000.00 = 250.00: one cent below the minimum, then exactly on it
        AgreementSnapshot below = agreement(tenant, eur("1000.00", null, false, "250.01", null, null), AVAILABILITY);
        AgreementSnapshot on = agreement(tenant, eur("1000.00", null, false, "250.00", null, null), AVAILABILITY);
        EventBus.publishAgreement(below);
        EventBus.publishAgreement(on);
        EventBus.publishCompliance(fin(below, AVAILABILITY, OCT, NOV, 985, 1000));
        EventBus.publishCompliance(fin(below, AVAILABILITY, NOV, DEC, 900, 1000)); // barrier: 1000.00 is paid
        EventBus.publishCompliance(fin(on, AVAILABILITY, OCT, NOV, 985, 1000));
        List<ConsumerRecord<String, byte[]>> events = EventBus.readCreditsUntil(rs ->
                !EventBus.withKey(rs, key(below, AVAILABILITY, NOV)).isEmpty()
                        && !EventBus.withKey(rs, key(on, AVAILABILITY, OCT)).isEmpty());
        assertTrue(EventBus.withKey(events, key(below, AVAILABILITY, OCT)).isEmpty(), "nothing sent to billing");
        assertEquals("250.00", EventCodec.decode(EventBus.withKey(events, key(on, AVAILABILITY, OCT)).get(0).value(),
                CreditIssued.class).amount().toPlainString());

        JsonPath row = given().auth().oauth2(token("billing", null)).queryParam("agreementId", below.agreementId())
                .queryParam("state", "BELOW_MINIMUM").when().get("/v1/credits").then().statusCode(200)
                .body("total", equalTo(1)).extract().jsonPath();
        assertEquals("0.00", row.getString("items[0].amount"));
        assertEquals("250.00", row.getString("items[0].computedAmount"));
        assertEquals("credit 250.00 EUR is below the minimum credit of 250.01 EUR", row.getString("items[0].reason"));
        assertEquals(OCT.toString(), row.getString("items[0].periodStart"));
    }

    @Test
    void severalObjectivesEarnTheHighestCreditOnceAllAreFinal() throws Exception {
        AgreementSnapshot a = agreement(tenant(), eur("1000.00", null, false, null, null, null), AVAILABILITY,
                LATENCY);
        EventBus.publishAgreement(a);
        ComplianceRecord availability = fin(a, AVAILABILITY, OCT, NOV, 985, 1000); // 25 %
        EventBus.publishCompliance(availability);
        await().atMost(Duration.ofSeconds(60)).until(() -> "AWAITING_OBJECTIVES".equals(outcomeOf(availability.id())));
        given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                .when().get("/v1/credits").then().statusCode(200).body("total", equalTo(0));

        EventBus.publishCompliance(fin(a, LATENCY, OCT, NOV, 998, 1000));            // 10 %
        String key = key(a, CreditLedgerService.AGREEMENT_LEVEL, OCT);
        List<ConsumerRecord<String, byte[]>> events = EventBus.readCreditsUntil(rs -> !EventBus.withKey(rs, key).isEmpty());
        CreditIssued issued = EventCodec.decode(EventBus.withKey(events, key).get(0).value(), CreditIssued.class);
        assertEquals("250.00", issued.amount().toPlainString());
        assertEquals("*", issued.objectiveId());
        assertEquals(a.agreementId() + "/*/" + OCT, issued.idempotencyKey());
        assertEquals(0, new java.math.BigDecimal("25").compareTo(issued.creditPercent()));

        // late data on the latency objective: 90 % -> 100 % is now the highest
        EventBus.publishCompliance(fin(a, LATENCY, OCT, NOV, 900, 1000));
        events = EventBus.readCreditsUntil(rs -> !ofType(rs, key, EventType.CREDIT_ADJUSTED).isEmpty());
        assertEquals(1, ofType(events, key, EventType.CREDIT_ISSUED).size());
        assertEquals(1, ofType(events, key, EventType.CREDIT_ADJUSTED).size());
        CreditAdjusted adjusted = EventCodec.decode(ofType(events, key, EventType.CREDIT_ADJUSTED).get(0).value(),
                CreditAdjusted.class);
        assertEquals("750.00", adjusted.delta().toPlainString());
        assertEquals("late data on objective latency: attainment 99.800000 → 90.000000", adjusted.reason());
        assertEquals(1, ledgerRows(a.agreementId(), OCT));
    }

    @Test
    void sumAddsTheObjectivesCreditsUpToTheCap() {
        String tenant = tenant();
        AgreementSnapshot uncapped = agreement(tenant, eur("1000.00", null, false, null, null, CreditAggregation.SUM),
                AVAILABILITY, LATENCY);
        AgreementSnapshot capped = agreement(tenant, eur("1000.00", "30", false, null, null, CreditAggregation.SUM),
                AVAILABILITY, LATENCY);
        for (AgreementSnapshot a : List.of(uncapped, capped)) {
            EventBus.publishAgreement(a);
            EventBus.publishCompliance(fin(a, AVAILABILITY, OCT, NOV, 985, 1000)); // 25 %
            EventBus.publishCompliance(fin(a, LATENCY, OCT, NOV, 998, 1000));      // 10 %
        }
        String k1 = key(uncapped, "*", OCT);
        String k2 = key(capped, "*", OCT);
        List<ConsumerRecord<String, byte[]>> events = EventBus.readCreditsUntil(rs ->
                !EventBus.withKey(rs, k1).isEmpty() && !EventBus.withKey(rs, k2).isEmpty());
        CreditIssued sum = EventCodec.decode(EventBus.withKey(events, k1).get(0).value(), CreditIssued.class);
        CreditIssued cap = EventCodec.decode(EventBus.withKey(events, k2).get(0).value(), CreditIssued.class);
        assertEquals("350.00", sum.amount().toPlainString());
        assertEquals("300.00", cap.amount().toPlainString());
        given().auth().oauth2(token("billing", null)).queryParam("agreementId", capped.agreementId())
                .when().get("/v1/credits").then().statusCode(200)
                .body("items[0].aggregation", equalTo("SUM")).body("items[0].objectiveId", equalTo("*"));
    }

    @Test
    void theVersionInForceAtThePeriodsEndDecides() {
        String tenant = tenant();
        String id = "agr-" + java.util.UUID.randomUUID();
        AgreementSnapshot v1 = agreement(id, 1, tenant, JAN, eur("1000.00", null, false, null, null, null),
                AVAILABILITY);
        AgreementSnapshot v2 = agreement(id, 2, tenant, Instant.parse("2026-10-15T00:00:00Z"),
                eur("2000.00", null, false, null, null, null), AVAILABILITY);
        AgreementSnapshot v3 = agreement(id, 3, tenant, Instant.parse("2026-11-10T00:00:00Z"),
                eur("4000.00", null, false, null, null, null), AVAILABILITY);
        EventBus.publishAgreement(v1);
        EventBus.publishAgreement(v2);
        EventBus.publishAgreement(v3);
        // the agreements and compliance topics are read independently: let all versions land first
        await().atMost(Duration.ofSeconds(60)).until(() -> versionsStored(id) == 3);
        // the detector names the version of the period's start; the version at the end wins
        EventBus.publishCompliance(fin(v1, AVAILABILITY, OCT, NOV, 985, 1000));
        EventBus.publishCompliance(fin(v2, AVAILABILITY, NOV, DEC, 985, 1000));
        List<ConsumerRecord<String, byte[]>> events = EventBus.readCreditsUntil(rs ->
                !EventBus.withKey(rs, key(v1, AVAILABILITY, OCT)).isEmpty()
                        && !EventBus.withKey(rs, key(v1, AVAILABILITY, NOV)).isEmpty());
        CreditIssued oct = EventCodec.decode(EventBus.withKey(events, key(v1, AVAILABILITY, OCT)).get(0).value(),
                CreditIssued.class);
        CreditIssued nov = EventCodec.decode(EventBus.withKey(events, key(v1, AVAILABILITY, NOV)).get(0).value(),
                CreditIssued.class);
        assertEquals("500.00", oct.amount().toPlainString());
        assertEquals(2, oct.agreementVersion());
        assertEquals("1000.00", nov.amount().toPlainString());
        assertEquals(3, nov.agreementVersion());
    }

    @Test
    void provisionalRecordsNeverCreditButShowInTheStatement() {
        String tenant = tenant();
        AgreementSnapshot a = agreement(tenant, eur("1000.00", null, false, null, null, null), AVAILABILITY);
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(Fixtures.record(a, AVAILABILITY, OCT, NOV, 900, 1000, ComplianceStatus.PROVISIONAL));
        EventBus.publishCompliance(fin(a, AVAILABILITY, NOV, DEC, 985, 1000)); // barrier
        List<ConsumerRecord<String, byte[]>> events = EventBus.readCreditsUntil(rs ->
                !EventBus.withKey(rs, key(a, AVAILABILITY, NOV)).isEmpty());
        assertTrue(EventBus.withKey(events, key(a, AVAILABILITY, OCT)).isEmpty());

        JsonPath st = given().auth().oauth2(token("customer", tenant)).queryParam("customer", tenant)
                .queryParam("periodStart", OCT.toString()).when().get("/v1/statements")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("PROVISIONAL"), st.getList("objectives.status"));
        assertEquals(List.of("90.000000"), st.getList("objectives.attainment"));
        assertEquals(List.of("90"), st.getList("objectives.excludedMinutes"));
        assertEquals(List.of(2), st.getList("objectives.breaches"));
        assertEquals(List.of(), st.getList("lines"));
        String csv = given().auth().oauth2(token("billing", null)).queryParam("customer", tenant)
                .queryParam("periodStart", NOV.toString()).queryParam("format", "csv").when().get("/v1/statements")
                .then().statusCode(200).extract().asString();
        assertTrue(csv.contains("\r\nOBJECTIVE,," + a.agreementId() + ",availability,2026-11-01T00:00:00Z,"
                + "2026-12-01T00:00:00Z,FINAL,98.500000,99.9,90,2,99.0,25,,,\r\n"), csv);
        assertTrue(csv.endsWith("\r\nTOTAL,,,,,,,,,,,,,250.00,EUR,\r\n"), csv);
    }

    // ---- database look-ups

    private String outcomeOf(String complianceId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT outcome FROM compliance_record WHERE id = ?")) {
            s.setString(1, complianceId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private int versionsStored(String agreementId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM agreement_snapshot WHERE agreement_id = ?")) {
            s.setString(1, agreementId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int ledgerRows(String agreementId, Instant periodStart) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM credit WHERE agreement_id = ? AND period_start = ?")) {
            s.setString(1, agreementId);
            s.setObject(2, periodStart.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> history(String creditId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT reason FROM credit_history WHERE credit_id = ?::uuid ORDER BY seq")) {
            s.setString(1, creditId);
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
