package dev.surety.credit.it;

import static dev.surety.credit.it.Fixtures.NOV;
import static dev.surety.credit.it.Fixtures.OCT;
import static dev.surety.credit.it.Fixtures.agreement;
import static dev.surety.credit.it.Fixtures.eur;
import static dev.surety.credit.it.Fixtures.fin;
import static dev.surety.credit.it.Fixtures.key;
import static dev.surety.credit.it.Fixtures.ofType;
import static dev.surety.credit.it.Fixtures.record;
import static dev.surety.credit.it.Fixtures.tenant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Many compliance records at once, as when many agreements close a period together: the consumer
 * takes them a poll at a time, and every record must end exactly as it would alone — one credit
 * and one CreditIssued per period, duplicates and replays changing nothing, late corrections
 * adjusting, several objectives aggregated, records for unknown agreements waiting, and a record
 * the database rejects skipped without losing its neighbours.
 */
@QuarkusTest
class ComplianceBatchTest {

    private static final String AVAILABILITY = "availability";
    private static final String LATENCY = "latency";

    @Inject
    AgroalDataSource db;

    @Test
    void aBurstOfRecordsIsCreditedAsIfTheyCameOneByOne() {
        String tenant = tenant();
        List<AgreementSnapshot> singles = IntStream.range(0, 40)
                .mapToObj(i -> agreement(tenant, eur("1000.00", null, false, null, null, null), AVAILABILITY))
                .toList();
        AgreementSnapshot corrected = agreement(tenant, eur("1000.00", null, false, null, null, null), AVAILABILITY);
        AgreementSnapshot both = agreement(tenant, eur("1000.00", null, false, null, null, CreditAggregation.SUM),
                AVAILABILITY, LATENCY);
        AgreementSnapshot claimed = agreement(tenant, eur("1000.00", null, true, null, null, null), AVAILABILITY);
        AgreementSnapshot met = agreement(tenant, eur("1000.00", null, false, null, null, null), AVAILABILITY);
        AgreementSnapshot late = agreement(tenant, eur("1000.00", null, false, null, null, null), AVAILABILITY);
        List<AgreementSnapshot> known = new ArrayList<>(singles);
        known.addAll(List.of(corrected, both, claimed, met));
        known.forEach(EventBus::publishAgreement);
        await().atMost(Duration.ofSeconds(60)).until(() -> versionsStored(known) == known.size());

        List<ComplianceRecord> burst = new ArrayList<>();
        singles.forEach(a -> burst.add(fin(a, AVAILABILITY, OCT, NOV, 985, 1000)));       // 25 % -> 250.00
        burst.addAll(List.copyOf(burst.subList(0, 5)));                                     // delivered twice
        ComplianceRecord correction = fin(corrected, AVAILABILITY, OCT, NOV, 900, 1000);  // 100 % -> 1000.00
        burst.add(fin(corrected, AVAILABILITY, OCT, NOV, 985, 1000));
        burst.add(correction);
        burst.add(fin(both, AVAILABILITY, OCT, NOV, 985, 1000));                          // 25 %
        burst.add(fin(both, LATENCY, OCT, NOV, 995, 1000));                               // + 10 % = 350.00
        burst.add(fin(claimed, AVAILABILITY, OCT, NOV, 985, 1000));                       // ENTITLED, no event
        burst.add(fin(met, AVAILABILITY, OCT, NOV, 1000, 1000));                          // no credit
        burst.add(record(met, AVAILABILITY, NOV, Fixtures.DEC, 990, 1000, ComplianceStatus.PROVISIONAL));
        ComplianceRecord waiting = fin(late, AVAILABILITY, OCT, NOV, 985, 1000);          // agreement unknown yet
        burst.add(waiting);
        EventBus.publishComplianceAtOnce(burst);
        EventBus.publishComplianceAtOnce(burst);                                            // the whole burst replayed

        await().atMost(Duration.ofSeconds(60)).until(() -> "PENDING_AGREEMENT".equals(outcomeOf(waiting.id())));
        EventBus.publishAgreement(late);

        Predicate<List<ConsumerRecord<String, byte[]>>> allThere = rs ->
                singles.stream().allMatch(a -> !ofType(rs, key(a, AVAILABILITY, OCT), EventType.CREDIT_ISSUED).isEmpty())
                        && !ofType(rs, key(corrected, AVAILABILITY, OCT), EventType.CREDIT_ADJUSTED).isEmpty()
                        && !ofType(rs, key(both, "*", OCT), EventType.CREDIT_ISSUED).isEmpty()
                        && !ofType(rs, key(late, AVAILABILITY, OCT), EventType.CREDIT_ISSUED).isEmpty();
        List<ConsumerRecord<String, byte[]>> events = EventBus.readCreditsUntil(allThere);

        for (AgreementSnapshot a : singles) {
            List<ConsumerRecord<String, byte[]>> issued = ofType(events, key(a, AVAILABILITY, OCT),
                    EventType.CREDIT_ISSUED);
            assertEquals(1, issued.size(), "one CreditIssued for " + a.agreementId());
            assertEquals(new BigDecimal("250.00"), EventCodec.decode(issued.get(0).value(), CreditIssued.class).amount());
            assertEquals(1, ledgerRows(a.agreementId()));
        }
        String correctedKey = key(corrected, AVAILABILITY, OCT);
        assertEquals(1, ofType(events, correctedKey, EventType.CREDIT_ISSUED).size());
        List<ConsumerRecord<String, byte[]>> adjusted = ofType(events, correctedKey, EventType.CREDIT_ADJUSTED);
        assertEquals(1, adjusted.size());
        assertEquals(new BigDecimal("750.00"), EventCodec.decode(adjusted.get(0).value(), CreditAdjusted.class).delta());
        List<ConsumerRecord<String, byte[]>> aggregated = ofType(events, key(both, "*", OCT), EventType.CREDIT_ISSUED);
        assertEquals(1, aggregated.size());
        assertEquals(new BigDecimal("350.00"), EventCodec.decode(aggregated.get(0).value(), CreditIssued.class).amount());
        assertEquals(1, ofType(events, key(late, AVAILABILITY, OCT), EventType.CREDIT_ISSUED).size());
        assertTrue(EventBus.withKey(events, key(claimed, AVAILABILITY, OCT)).isEmpty(), "entitled: billing not told");
        assertTrue(EventBus.withKey(events, key(met, AVAILABILITY, OCT)).isEmpty(), "target met: no credit");

        given().auth().oauth2(Fixtures.token("billing", null)).queryParam("agreementId", claimed.agreementId())
                .when().get("/v1/credits").then().statusCode(200)
                .body("items[0].state", equalTo("ENTITLED")).body("items[0].amount", equalTo("250.00"));
        assertEquals(0, ledgerRows(met.agreementId()));
        assertEquals("CREDITED", outcomeOf(burst.get(0).id()));
        assertEquals("ADJUSTED", outcomeOf(correction.id()));
        assertEquals("CREDITED", outcomeOf(waiting.id()));
    }

    @Test
    void aRecordTheDatabaseRejectsIsSkippedAndItsNeighboursAreCredited() {
        String tenant = tenant();
        List<AgreementSnapshot> agreements = IntStream.range(0, 10)
                .mapToObj(i -> agreement(tenant, eur("1000.00", null, false, null, null, null), AVAILABILITY))
                .toList();
        agreements.forEach(EventBus::publishAgreement);
        await().atMost(Duration.ofSeconds(60)).until(() -> versionsStored(agreements) == agreements.size());
        List<ComplianceRecord> burst = new ArrayList<>();
        agreements.forEach(a -> burst.add(fin(a, AVAILABILITY, OCT, NOV, 985, 1000)));
        // PostgreSQL text cannot hold NUL: this record can never be stored
        ComplianceRecord poison = fin(agreements.get(3), "avail\u0000ability", OCT, NOV, 985, 1000);
        burst.add(4, poison);
        EventBus.publishComplianceAtOnce(burst);

        List<ConsumerRecord<String, byte[]>> events = EventBus.readCreditsUntil(rs -> agreements.stream()
                .allMatch(a -> !ofType(rs, key(a, AVAILABILITY, OCT), EventType.CREDIT_ISSUED).isEmpty()));
        for (AgreementSnapshot a : agreements) {
            assertEquals(1, ofType(events, key(a, AVAILABILITY, OCT), EventType.CREDIT_ISSUED).size());
        }
        assertEquals(null, outcomeOf(poison.id()));
    }

    @Test
    void versionsKeptInMemoryStillYieldTheVersionInForceAtThePeriodsEnd() {
        String tenant = tenant();
        String id = "agr-" + java.util.UUID.randomUUID();
        Instant aug = Instant.parse("2026-08-01T00:00:00Z");
        Instant sep = Instant.parse("2026-09-01T00:00:00Z");
        AgreementSnapshot v1 = Fixtures.agreement(id, 1, tenant, Fixtures.JAN,
                eur("1000.00", null, false, null, null, null), AVAILABILITY);
        AgreementSnapshot v2 = Fixtures.agreement(id, 2, tenant, Instant.parse("2026-10-15T00:00:00Z"),
                eur("2000.00", null, false, null, null, null), AVAILABILITY);
        EventBus.publishAgreement(v1);
        await().atMost(Duration.ofSeconds(60)).until(() -> versionsStored(List.of(v1)) == 1);
        // September is settled while v1 is the only version: v1 is decoded and kept
        EventBus.publishComplianceAtOnce(List.of(fin(v1, AVAILABILITY, sep, OCT, 985, 1000)));
        CreditIssued september = issued(key(v1, AVAILABILITY, sep));
        assertEquals("250.00", september.amount().toPlainString());
        assertEquals(1, september.agreementVersion());

        // a new version arrives after v1 was kept: October (ends after it took force) is judged by v2
        EventBus.publishAgreement(v2);
        await().atMost(Duration.ofSeconds(60)).until(() -> versionsStored(List.of(v1)) == 2);
        EventBus.publishComplianceAtOnce(List.of(fin(v1, AVAILABILITY, OCT, NOV, 985, 1000)));
        CreditIssued october = issued(key(v1, AVAILABILITY, OCT));
        assertEquals("500.00", october.amount().toPlainString());
        assertEquals(2, october.agreementVersion());

        // ... and August (ended before v2 took force) still by v1, both versions now in memory
        EventBus.publishComplianceAtOnce(List.of(fin(v2, AVAILABILITY, aug, sep, 985, 1000)));
        CreditIssued august = issued(key(v1, AVAILABILITY, aug));
        assertEquals("250.00", august.amount().toPlainString());
        assertEquals(1, august.agreementVersion());
        assertEquals(3, ledgerRows(id));
    }

    private static CreditIssued issued(String key) {
        List<ConsumerRecord<String, byte[]>> events = EventBus.readCreditsUntil(rs ->
                !ofType(rs, key, EventType.CREDIT_ISSUED).isEmpty());
        List<ConsumerRecord<String, byte[]>> issued = ofType(events, key, EventType.CREDIT_ISSUED);
        assertEquals(1, issued.size(), "one CreditIssued for " + key);
        return EventCodec.decode(issued.get(0).value(), CreditIssued.class);
    }

    // ---- database look-ups

    private String outcomeOf(String complianceId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT outcome FROM compliance_record WHERE id = ?")) {
            s.setString(1, complianceId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int versionsStored(List<AgreementSnapshot> agreements) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM agreement_snapshot WHERE agreement_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", agreements.stream().map(AgreementSnapshot::agreementId).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int ledgerRows(String agreementId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM credit WHERE agreement_id = ?")) {
            s.setString(1, agreementId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
