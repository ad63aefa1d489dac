package dev.surety.credit.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.credit.reference.ReferenceAgreements;
import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.CreditIssued;
import dev.surety.events.EventCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A public cloud SLA (AWS Compute, region-level) flowing end to end: the agreement and FINAL
 * compliance on and just below its bounds go in over Kafka, CreditIssued events with the
 * provider's credit percentages come out on the credits topic.
 */
@QuarkusTest
class ReferenceAgreementFlowTest {

    private static final Instant SEP = Instant.parse("2026-09-01T00:00:00Z");
    private static final Instant OCT = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant DEC = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant JAN = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2027-02-01T00:00:00Z");

    @Test
    void awsComputeRegionLevelCreditTableEndToEnd() {
        String tenant = "tenant-" + UUID.randomUUID();
        AgreementSnapshot a = ReferenceAgreements.AWS_COMPUTE_REGION
                .snapshot("agr-aws-" + UUID.randomUUID(), tenant, Instant.parse("2026-01-01T00:00:00Z"), null);
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(compliance(a, SEP, OCT, 999_900)); // 99.99 exactly: nothing
        EventBus.publishCompliance(compliance(a, OCT, NOV, 999_899)); // just below 99.99: 10 %
        EventBus.publishCompliance(compliance(a, NOV, DEC, 990_000)); // 99.0 exactly: still 10 %
        EventBus.publishCompliance(compliance(a, DEC, JAN, 989_999)); // just below 99.0: 30 %
        EventBus.publishCompliance(compliance(a, JAN, FEB, 949_999)); // just below 95.0: 100 %

        // same key, same partition: the last period's event comes after all the others
        List<ConsumerRecord<String, byte[]>> events =
                EventBus.readCreditsUntil(rs -> !EventBus.withKey(rs, key(a, JAN)).isEmpty());
        assertTrue(EventBus.withKey(events, key(a, SEP)).isEmpty(), "on the bound earns nothing");
        assertIssued(events, a, OCT, "10", "99.99", "100.00");
        assertIssued(events, a, NOV, "10", "99.99", "100.00");
        assertIssued(events, a, DEC, "30", "99.0", "300.00");
        assertIssued(events, a, JAN, "100", "95.0", "1000.00");

        JsonPath ledger = given().auth().oauth2(SuretyTestInfra.tokens().mint("someone", tenant, "customer"))
                .when().get("/v1/credits").then().statusCode(200).extract().jsonPath();
        assertEquals(4, ledger.getInt("total"));
        assertEquals(List.of("1000.00", "300.00", "100.00", "100.00"), ledger.getList("items.amount"));
        assertEquals(List.of("USD", "USD", "USD", "USD"), ledger.getList("items.currency"));
    }

    @Test
    void s3AgreementStartingMidMonthIsProrated() {
        String tenant = "tenant-" + UUID.randomUUID();
        // S3 Standard taken out on 16 November: 15 of November's 30 days are covered
        AgreementSnapshot a = ReferenceAgreements.AWS_S3_STANDARD
                .snapshot("agr-s3-" + UUID.randomUUID(), tenant, Instant.parse("2026-11-16T00:00:00Z"), null);
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(compliance(a, NOV, DEC, 989_999)); // just below 99.0: 25 %
        EventBus.publishCompliance(compliance(a, DEC, JAN, 989_999)); // whole month in force
        List<ConsumerRecord<String, byte[]>> events =
                EventBus.readCreditsUntil(rs -> !EventBus.withKey(rs, key(a, DEC)).isEmpty());
        assertIssued(events, a, NOV, "25", "99.0", "125.00");
        assertIssued(events, a, DEC, "25", "99.0", "250.00");
    }

    private static void assertIssued(List<ConsumerRecord<String, byte[]>> events, AgreementSnapshot a, Instant period,
                                     String percent, String bound, String amount) {
        List<ConsumerRecord<String, byte[]>> mine = EventBus.withKey(events, key(a, period));
        assertEquals(1, mine.size(), "one CreditIssued for " + period);
        CreditIssued issued = EventCodec.decode(mine.get(0).value(), CreditIssued.class);
        assertEquals(0, new BigDecimal(percent).compareTo(issued.creditPercent()), "percent for " + period);
        assertEquals(0, new BigDecimal(bound).compareTo(issued.tierBelowPercent()), "tier for " + period);
        assertEquals(amount, issued.amount().toPlainString(), "amount for " + period);
        assertEquals("USD", issued.currency());
    }

    private static String key(AgreementSnapshot a, Instant periodStart) {
        return a.agreementId() + "/" + ReferenceAgreements.OBJECTIVE + "/" + periodStart;
    }

    private static ComplianceRecord compliance(AgreementSnapshot a, Instant start, Instant end, long good) {
        long total = 1_000_000;
        BigDecimal attainment = BigDecimal.valueOf(good).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(total), 6, RoundingMode.DOWN);
        return new ComplianceRecord(UUID.randomUUID().toString(), a.agreementId(), a.version(),
                ReferenceAgreements.OBJECTIVE, a.tenant(), start, end, good, total, attainment,
                ReferenceAgreements.AWS_COMPUTE_REGION.commitment(),
                attainment.compareTo(ReferenceAgreements.AWS_COMPUTE_REGION.commitment()) >= 0,
                ComplianceStatus.FINAL);
    }
}
