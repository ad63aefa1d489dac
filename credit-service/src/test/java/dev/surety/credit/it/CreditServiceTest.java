package dev.surety.credit.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.Compensation;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.CreditIssued;
import dev.surety.events.CreditTier;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * credit-service end to end against a real broker and a real PostgreSQL: agreement snapshots and
 * compliance records go in over Kafka, CreditIssued events come out on the credits topic, and the
 * ledger is read over REST as billing and customers would.
 */
@QuarkusTest
@QuarkusTestResource(value = SuretyTestInfra.class, restrictToAnnotatedClass = false)
class CreditServiceTest {

    private static final String OBJECTIVE = "availability";
    private static final Instant OCT = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant DEC = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant JAN = Instant.parse("2027-01-01T00:00:00Z");

    @Inject
    AgroalDataSource db;

    @BeforeAll
    static void exactNumbers() {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    @Test
    void finalComplianceBelowATierIssuesOneCreditEvent() {
        String tenant = tenant();
        AgreementSnapshot a = agreement(tenant, null, false);
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(compliance(a, OCT, NOV, 985, 1000));
        String key = key(a, OCT);

        List<ConsumerRecord<String, byte[]>> events = EventBus.readCreditsUntil(rs -> !EventBus.withKey(rs, key).isEmpty());
        List<ConsumerRecord<String, byte[]>> mine = EventBus.withKey(events, key);
        assertEquals(1, mine.size());
        ConsumerRecord<String, byte[]> event = mine.get(0);
        String eventId = UUID.nameUUIDFromBytes((key + "|ISSUED").getBytes(StandardCharsets.UTF_8)).toString();
        assertEquals(EventType.CREDIT_ISSUED.ceType(), EventBus.header(event, CloudEvents.H_TYPE));
        assertEquals(eventId, EventBus.header(event, CloudEvents.H_ID));
        assertEquals("1.0", EventBus.header(event, CloudEvents.H_SPECVERSION));
        assertEquals("/surety/credit-service", EventBus.header(event, CloudEvents.H_SOURCE));
        assertEquals("application/json", EventBus.header(event, CloudEvents.H_CONTENT_TYPE));
        assertTrue(EventBus.header(event, CloudEvents.H_TIME) != null);

        CreditIssued issued = EventCodec.decode(event.value(), CreditIssued.class);
        assertEquals(eventId, issued.id());
        assertEquals(key, issued.idempotencyKey());
        assertEquals("250.00", issued.amount().toPlainString());
        assertEquals("EUR", issued.currency());
        assertEquals(0, new BigDecimal("25").compareTo(issued.creditPercent()));
        assertEquals(0, new BigDecimal("99.0").compareTo(issued.tierBelowPercent()));
        assertEquals(0, new BigDecimal("98.5").compareTo(issued.attainment()));
        assertEquals(a.agreementId(), issued.agreementId());
        assertEquals(1, issued.agreementVersion());
        assertEquals(OBJECTIVE, issued.objectiveId());
        assertEquals(tenant, issued.tenant());
        assertEquals(OCT, issued.periodStart());
        assertEquals(NOV, issued.periodEnd());

        JsonPath list = given().auth().oauth2(token("billing", null))
                .queryParam("agreementId", a.agreementId())
                .when().get("/v1/credits")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .extract().jsonPath();
        assertEquals(issued.creditId(), list.getString("items[0].creditId"));
        assertEquals("250.00", list.getString("items[0].amount"));
        assertEquals(key, list.getString("items[0].idempotencyKey"));
        assertEquals(tenant, list.getString("items[0].customer"));
        assertEquals("ISSUED", list.getString("items[0].state"));
        assertEquals("EUR", list.getString("items[0].currency"));
        assertEquals(OCT.toString(), list.getString("items[0].periodStart"));
        assertEquals(0, new BigDecimal("98.5").compareTo(list.get("items[0].attainment")));

        given().auth().oauth2(token("ops", null))
                .when().get("/v1/credits/" + issued.creditId())
                .then().statusCode(200)
                .body("creditId", equalTo(issued.creditId()))
                .body("amount", equalTo("250.00"))
                .body("agreementVersion", equalTo(1));
    }

    @Test
    void redeliveredOrReplayedComplianceChangesNothing() {
        AgreementSnapshot a = agreement(tenant(), null, false);
        EventBus.publishAgreement(a);
        ComplianceRecord oct = compliance(a, OCT, NOV, 985, 1000);
        EventBus.publishCompliance(oct);
        EventBus.publishCompliance(oct); // the same record delivered twice
        // the same FINAL figures replayed under a new id (a detector restart): no second credit, no adjustment
        EventBus.publishCompliance(compliance(a, OCT, NOV, 985, 1000));
        EventBus.publishAgreement(a); // and the agreement redelivered
        // same key, so same partition, so handled after the records above: a barrier, not a timer
        EventBus.publishCompliance(compliance(a, NOV, DEC, 985, 1000));

        List<ConsumerRecord<String, byte[]>> events =
                EventBus.readCreditsUntil(rs -> !EventBus.withKey(rs, key(a, NOV)).isEmpty());
        List<ConsumerRecord<String, byte[]>> october = EventBus.withKey(events, key(a, OCT));
        assertEquals(1, october.size());
        assertEquals("250.00", EventCodec.decode(october.get(0).value(), CreditIssued.class).amount().toPlainString());

        JsonPath list = given().auth().oauth2(token("billing", null))
                .queryParam("agreementId", a.agreementId())
                .when().get("/v1/credits").then().statusCode(200).extract().jsonPath();
        assertEquals(2, list.getInt("total"));
        assertEquals(List.of(NOV.toString(), OCT.toString()), list.getList("items.periodStart"));
        assertEquals(List.of("250.00", "250.00"), list.getList("items.amount"));
    }

    @Test
    void attainmentExactlyOnABoundEarnsNothing() {
        AgreementSnapshot a = agreement(tenant(), null, false);
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(compliance(a, OCT, NOV, 999, 1000)); // 99.9 exactly
        EventBus.publishCompliance(compliance(a, NOV, DEC, 0, 0));      // no valid events
        EventBus.publishCompliance(compliance(a, DEC, JAN, 985, 1000)); // barrier
        List<ConsumerRecord<String, byte[]>> events =
                EventBus.readCreditsUntil(rs -> !EventBus.withKey(rs, key(a, DEC)).isEmpty());
        assertTrue(EventBus.withKey(events, key(a, OCT)).isEmpty());
        assertTrue(EventBus.withKey(events, key(a, NOV)).isEmpty());

        JsonPath list = given().auth().oauth2(token("billing", null))
                .queryParam("agreementId", a.agreementId())
                .when().get("/v1/credits").then().statusCode(200).extract().jsonPath();
        assertEquals(1, list.getInt("total"));
        assertEquals(DEC.toString(), list.getString("items[0].periodStart"));
    }

    @Test
    void complianceArrivingBeforeItsAgreementIsCreditedWhenTheAgreementArrives() throws Exception {
        AgreementSnapshot a = agreement(tenant(), null, false);
        ComplianceRecord early = compliance(a, OCT, NOV, 985, 1000);
        EventBus.publishCompliance(early);
        await().atMost(Duration.ofSeconds(60)).until(() -> "PENDING_AGREEMENT".equals(outcomeOf(early.id())));
        given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                .when().get("/v1/credits").then().statusCode(200).body("total", equalTo(0));

        EventBus.publishAgreement(a);
        List<ConsumerRecord<String, byte[]>> events =
                EventBus.readCreditsUntil(rs -> !EventBus.withKey(rs, key(a, OCT)).isEmpty());
        assertEquals(1, EventBus.withKey(events, key(a, OCT)).size());
        assertEquals("CREDITED", outcomeOf(early.id()));
        given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                .when().get("/v1/credits").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].amount", equalTo("250.00"));
    }

    @Test
    void agreementTombstoneFlagsItDeletedAndCreditsStayOwed() throws Exception {
        AgreementSnapshot a = agreement(tenant(), null, false);
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(compliance(a, OCT, NOV, 985, 1000));
        EventBus.readCreditsUntil(rs -> !EventBus.withKey(rs, key(a, OCT)).isEmpty());
        EventBus.publishTombstone(a.agreementId());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM agreement_snapshot WHERE agreement_id = ? AND deleted_at IS NOT NULL")) {
                s.setString(1, a.agreementId());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            }
        });
        given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                .when().get("/v1/credits").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].amount", equalTo("250.00"));
    }

    @Test
    void capLimitsTheCreditPercent() {
        AgreementSnapshot a = agreement(tenant(), new BigDecimal("50"), false);
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(compliance(a, OCT, NOV, 900, 1000)); // below 95.0 -> 100 %, capped at 50 %
        List<ConsumerRecord<String, byte[]>> events =
                EventBus.readCreditsUntil(rs -> !EventBus.withKey(rs, key(a, OCT)).isEmpty());
        CreditIssued issued = EventCodec.decode(EventBus.withKey(events, key(a, OCT)).get(0).value(), CreditIssued.class);
        assertEquals("500.00", issued.amount().toPlainString());
        assertEquals(0, new BigDecimal("50").compareTo(issued.creditPercent()));
        assertEquals(0, new BigDecimal("95.0").compareTo(issued.tierBelowPercent()));
    }

    @Test
    void creditThatMustBeClaimedIsEntitledAndNotSentToBilling() throws Exception {
        AgreementSnapshot a = agreement(tenant(), null, true);
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(compliance(a, OCT, NOV, 985, 1000));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                        .when().get("/v1/credits").then().statusCode(200)
                        .body("total", equalTo(1))
                        .body("items[0].state", equalTo("ENTITLED"))
                        .body("items[0].amount", equalTo("250.00")));
        given().auth().oauth2(token("billing", null)).queryParam("state", "ENTITLED")
                .when().get("/v1/credits").then().statusCode(200)
                .body("items.agreementId", hasItem(a.agreementId()));
        // the ledger row and any outbox row are written in one transaction: none was written
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox WHERE event_key = ?")) {
            s.setString(1, key(a, OCT));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        }
    }

    @Test
    void customersSeeOnlyTheirOwnCredits() {
        String acme = tenant();
        String globex = tenant();
        AgreementSnapshot a = agreement(acme, null, false);
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(compliance(a, OCT, NOV, 985, 1000));
        String creditId = await().atMost(Duration.ofSeconds(60)).until(() ->
                given().auth().oauth2(token("customer", acme)).when().get("/v1/credits")
                        .then().statusCode(200).extract().jsonPath().getString("items[0].creditId"),
                id -> id != null);

        given().auth().oauth2(token("customer", acme)).when().get("/v1/credits/" + creditId)
                .then().statusCode(200).body("customer", equalTo(acme));
        given().auth().oauth2(token("customer", globex)).when().get("/v1/credits")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(token("customer", globex)).queryParam("customer", acme).when().get("/v1/credits")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(token("customer", globex)).queryParam("agreementId", a.agreementId())
                .when().get("/v1/credits").then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(token("customer", globex)).when().get("/v1/credits/" + creditId)
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
        // staff filter by customer
        given().auth().oauth2(token("provider-admin", null)).queryParam("customer", acme)
                .when().get("/v1/credits").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].creditId", equalTo(creditId));
    }

    @Test
    void pagesWalkTheLedgerNewestFirst() {
        AgreementSnapshot a = agreement(tenant(), null, false);
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(compliance(a, OCT, NOV, 985, 1000));
        EventBus.publishCompliance(compliance(a, NOV, DEC, 998, 1000));
        EventBus.publishCompliance(compliance(a, DEC, JAN, 900, 1000));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                        .when().get("/v1/credits").then().body("total", equalTo(3)));
        JsonPath first = given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                .queryParam("size", 2).when().get("/v1/credits").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("1000.00", "100.00"), first.getList("items.amount"));
        assertEquals(2, first.getInt("size"));
        JsonPath second = given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                .queryParam("size", 2).queryParam("page", 1).when().get("/v1/credits").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("250.00"), second.getList("items.amount"));
        assertEquals(3, second.getInt("total"));
    }

    @Test
    void poisonRecordsAreSkippedAndCountedWithoutStoppingTheConsumer() {
        AgreementSnapshot a = agreement(tenant(), null, false);
        EventBus.publishAgreement(a);
        String key = Measurement.key(a.agreementId(), OBJECTIVE);
        EventBus.publishRawCompliance(key, "{not json".getBytes(StandardCharsets.UTF_8));
        EventBus.publishCompliance(compliance(a, OCT, NOV, 1001, 1000)); // good above total
        EventBus.publishCompliance(compliance(a, NOV, DEC, 985, 1000));
        List<ConsumerRecord<String, byte[]>> events =
                EventBus.readCreditsUntil(rs -> !EventBus.withKey(rs, key(a, NOV)).isEmpty());
        assertTrue(EventBus.withKey(events, key(a, OCT)).isEmpty());
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        BigDecimal rejected = metricValue(metrics, "surety_compliance_rejected_total{", "reason=\"invalid\"");
        assertTrue(rejected.compareTo(new BigDecimal("2")) >= 0, "rejected count " + rejected);
    }

    @Test
    void everyEndpointNeedsATokenAndAReadingRole() {
        given().when().get("/v1/credits").then().statusCode(401);
        given().when().get("/v1/credits/" + UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2(token("agent", "acme")).when().get("/v1/credits").then().statusCode(403);
        given().auth().oauth2(token("agent", "acme")).when().get("/v1/credits/" + UUID.randomUUID())
                .then().statusCode(403);
        given().auth().oauth2(token("ops", null)).when().get("/v1/credits/" + UUID.randomUUID())
                .then().statusCode(404);
        given().auth().oauth2(token("ops", null)).when().get("/v1/credits/not-a-uuid").then().statusCode(404);
    }

    @Test
    void invalidQueryParametersAreProblemDetailsNamingTheField() {
        given().auth().oauth2(token("billing", null)).queryParam("size", 101).when().get("/v1/credits")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem("size"));
        given().auth().oauth2(token("billing", null)).queryParam("page", -1).queryParam("state", "PAID")
                .when().get("/v1/credits")
                .then().statusCode(400)
                .body("errors.field", hasItem("page"))
                .body("errors.field", hasItem("state"))
                .body(org.hamcrest.Matchers.not(containsString("Exception")));
        given().auth().oauth2(token("billing", null)).queryParam("size", "ten").when().get("/v1/credits")
                .then().statusCode(400).body("errors.field", hasItem("size"));
    }

    @Test
    void healthMetricsAndOpenApiAreOpen() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"))
                .body(containsString("SmallRye Reactive Messaging"));
        given().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/credits/{creditId}")).body(containsString("bearer"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("surety_compliance_received_total"), "compliance counter exposed");
        assertFalse(metrics.contains("surety.credits"), "Prometheus names only");
    }

    // ---- fixtures

    private static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }

    private static String token(String role, String tenant) {
        return SuretyTestInfra.tokens().mint("someone", tenant, role);
    }

    private static String key(AgreementSnapshot a, Instant periodStart) {
        return a.agreementId() + "/" + OBJECTIVE + "/" + periodStart;
    }

    /** Fee 1000.00 EUR; below 99.9 -> 10 %, below 99.0 -> 25 %, below 95.0 -> 100 %. */
    private static AgreementSnapshot agreement(String tenant, BigDecimal cap, boolean claimRequired) {
        ObjectiveSpec objective = new ObjectiveSpec(OBJECTIVE, "Checkout availability", SliKind.RATIO,
                new MetricSelector(null, "checkout", "http_requests", Map.of()), new BigDecimal("99.9"),
                ObjectiveSpec.CALENDAR_MONTH, Duration.ofMinutes(5), new BigDecimal("99.0"), Duration.ofMinutes(5));
        Compensation compensation = new Compensation(new BigDecimal("1000.00"), "EUR", List.of(
                new CreditTier(new BigDecimal("99.9"), new BigDecimal("10")),
                new CreditTier(new BigDecimal("99.0"), new BigDecimal("25")),
                new CreditTier(new BigDecimal("95.0"), new BigDecimal("100"))), cap, claimRequired);
        return new AgreementSnapshot("agr-" + UUID.randomUUID(), 1, tenant, "Checkout SLA", "Surety Hosting",
                "checkout", AgreementStatus.ACTIVE, Instant.parse("2026-01-01T00:00:00Z"), null, "UTC",
                List.of(objective), compensation, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static ComplianceRecord compliance(AgreementSnapshot a, Instant start, Instant end, long good, long total) {
        BigDecimal attainment = total == 0 ? new BigDecimal("100.000000")
                : BigDecimal.valueOf(good).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(total), 6, java.math.RoundingMode.DOWN);
        return new ComplianceRecord(UUID.randomUUID().toString(), a.agreementId(), a.version(), OBJECTIVE,
                a.tenant(), start, end, good, total, attainment, new BigDecimal("99.9"),
                attainment.compareTo(new BigDecimal("99.9")) >= 0, ComplianceStatus.FINAL);
    }

    private String outcomeOf(String complianceId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT outcome FROM compliance_record WHERE id = ?")) {
            s.setString(1, complianceId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static BigDecimal metricValue(String exposition, String name, String label) {
        return exposition.lines().filter(l -> l.startsWith(name) && l.contains(label))
                .map(l -> new BigDecimal(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(BigDecimal.ZERO);
    }
}
