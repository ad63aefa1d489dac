package dev.surety.credit.it;

import static dev.surety.credit.it.Fixtures.DEC;
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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.CreditIssued;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Claims: an ENTITLED credit is claimed by its customer within the claim window (period end + 30
 * days here: 2026-12-01T00:00:00Z for October) and is then issued to billing once.
 */
@QuarkusTest
class ClaimTest {

    private static final String AVAILABILITY = "availability";

    @Inject
    TestClock clock;

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void aClaimAtTheDeadlineIssuesTheCreditOnceAndAfterItIsRefused() {
        String tenant = tenant();
        AgreementSnapshot a = agreement(tenant, eur("1000.00", null, true, null, 30, null), AVAILABILITY);
        entitled(a);
        Map<String, String> body = Map.of("agreementId", a.agreementId(), "objectiveId", AVAILABILITY,
                "periodStart", OCT.toString());

        clock.pin(DEC.plusNanos(1000)); // one microsecond late
        given().auth().oauth2(token("customer", tenant)).contentType(ContentType.JSON).body(body)
                .when().post("/v1/claims").then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("claim window closed on 2026-12-01T00:00:00Z"))
                .body("errors.field", hasItem("periodStart"));
        given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                .when().get("/v1/credits").then().body("items[0].state", equalTo("ENTITLED"));

        clock.pin(DEC); // exactly at the deadline: accepted
        JsonPath claim = given().auth().oauth2(token("customer", tenant)).contentType(ContentType.JSON).body(body)
                .when().post("/v1/claims").then().statusCode(201)
                .body("state", equalTo("ISSUED"))
                .body("amount", equalTo("250.00"))
                .body("claimedAt", equalTo(DEC.toString()))
                .body("claimDeadline", equalTo(DEC.toString()))
                .extract().jsonPath();
        // claiming again: the same claim, not a second credit
        given().auth().oauth2(token("customer", tenant)).contentType(ContentType.JSON).body(body)
                .when().post("/v1/claims").then().statusCode(200)
                .body("claimId", equalTo(claim.getString("claimId")))
                .body("creditId", equalTo(claim.getString("creditId")));

        String key = key(a, AVAILABILITY, OCT);
        List<ConsumerRecord<String, byte[]>> events =
                EventBus.readCreditsUntil(rs -> !EventBus.withKey(rs, key).isEmpty());
        assertEquals(1, ofType(events, key, EventType.CREDIT_ISSUED).size());
        CreditIssued issued = EventCodec.decode(EventBus.withKey(events, key).get(0).value(), CreditIssued.class);
        assertEquals("250.00", issued.amount().toPlainString());
        assertEquals(claim.getString("creditId"), issued.creditId());

        given().auth().oauth2(token("billing", null)).when().get("/v1/credits/" + issued.creditId())
                .then().statusCode(200).body("state", equalTo("ISSUED")).body("claimedAt", equalTo(DEC.toString()));
        // the customer sees its claim, billing and ops see all, another customer none
        given().auth().oauth2(token("customer", tenant)).when().get("/v1/claims").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].claimId", equalTo(claim.getString("claimId")));
        given().auth().oauth2(token("customer", tenant())).when().get("/v1/claims").then().statusCode(200)
                .body("total", equalTo(0));
        for (String role : new String[] {"billing", "ops"}) {
            given().auth().oauth2(token(role, null)).queryParam("agreementId", a.agreementId())
                    .when().get("/v1/claims").then().statusCode(200).body("total", equalTo(1));
        }
    }

    @Test
    void aClaimBeforeTheDeadlineIsAccepted() {
        String tenant = tenant();
        AgreementSnapshot a = agreement(tenant, eur("1000.00", null, true, null, 30, null), AVAILABILITY);
        entitled(a);
        clock.pin(NOV.plus(Duration.ofDays(3)));
        // the objective may be left out: the agreement's credit for the period is meant
        given().auth().oauth2(token("customer", tenant)).contentType(ContentType.JSON)
                .body(Map.of("agreementId", a.agreementId(), "periodStart", OCT.toString()))
                .when().post("/v1/claims").then().statusCode(201).body("state", equalTo("ISSUED"));
    }

    @Test
    void claimsAreRefusedWithAReasonNamingTheField() {
        String tenant = tenant();
        AgreementSnapshot a = agreement(tenant, eur("1000.00", null, true, null, 30, null), AVAILABILITY);
        AgreementSnapshot automatic = agreement(tenant, eur("1000.00", null, false, null, null, null), AVAILABILITY);
        entitled(a);
        EventBus.publishAgreement(automatic);
        EventBus.publishCompliance(fin(automatic, AVAILABILITY, OCT, NOV, 985, 1000));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().auth().oauth2(token("billing", null)).queryParam("agreementId", automatic.agreementId())
                        .when().get("/v1/credits").then().body("total", equalTo(1)));
        clock.pin(NOV.plus(Duration.ofDays(1)));

        // another tenant's agreement: not found, nothing revealed
        given().auth().oauth2(token("customer", tenant())).contentType(ContentType.JSON)
                .body(Map.of("agreementId", a.agreementId(), "periodStart", OCT.toString()))
                .when().post("/v1/claims").then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("agreementId"));
        // a period without a credit
        given().auth().oauth2(token("customer", tenant)).contentType(ContentType.JSON)
                .body(Map.of("agreementId", a.agreementId(), "periodStart", NOV.toString()))
                .when().post("/v1/claims").then().statusCode(422)
                .body("errors.field", hasItem("periodStart"));
        // an objective without a credit
        given().auth().oauth2(token("customer", tenant)).contentType(ContentType.JSON)
                .body(Map.of("agreementId", a.agreementId(), "objectiveId", "latency", "periodStart", OCT.toString()))
                .when().post("/v1/claims").then().statusCode(422)
                .body("errors.field", hasItem("objectiveId"));
        // automatic agreements need no claim
        given().auth().oauth2(token("customer", tenant)).contentType(ContentType.JSON)
                .body(Map.of("agreementId", automatic.agreementId(), "periodStart", OCT.toString()))
                .when().post("/v1/claims").then().statusCode(409)
                .body("detail", equalTo("credit is issued automatically"));
        // malformed requests
        given().auth().oauth2(token("customer", tenant)).contentType(ContentType.JSON)
                .body(Map.of("agreementId", a.agreementId()))
                .when().post("/v1/claims").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("periodStart"));
        given().auth().oauth2(token("customer", tenant)).contentType(ContentType.JSON)
                .body(Map.of("agreementId", a.agreementId(), "periodStart", "last month"))
                .when().post("/v1/claims").then().statusCode(400).body("errors.field", hasItem("periodStart"));
        given().auth().oauth2(token("customer", tenant)).contentType(ContentType.JSON)
                .body(Map.of("agreementId", a.agreementId(), "periodStart", OCT.toString(), "amount", "1000000"))
                .when().post("/v1/claims").then().statusCode(400).body("errors.field", hasItem("amount"));
        given().auth().oauth2(token("customer", tenant)).contentType(ContentType.JSON).body("{\"agreementId\": ")
                .when().post("/v1/claims").then().statusCode(400).body("errors.field", hasItem("body"));
        // roles: only customers claim; agents read nothing
        given().contentType(ContentType.JSON).body(Map.of("agreementId", a.agreementId()))
                .when().post("/v1/claims").then().statusCode(401);
        given().auth().oauth2(token("billing", null)).contentType(ContentType.JSON)
                .body(Map.of("agreementId", a.agreementId(), "periodStart", OCT.toString()))
                .when().post("/v1/claims").then().statusCode(403);
        given().auth().oauth2(token("agent", tenant)).when().get("/v1/claims").then().statusCode(403);
        given().auth().oauth2(token("provider-admin", null)).when().get("/v1/claims").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/v1/claims"));
        // still entitled: none of this claimed it
        given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                .when().get("/v1/credits").then().body("items[0].state", equalTo("ENTITLED"));
    }

    /** Publishes the agreement and an October compliance of 98.5 % (25 % = 250.00) and waits for ENTITLED. */
    private static void entitled(AgreementSnapshot a) {
        EventBus.publishAgreement(a);
        EventBus.publishCompliance(fin(a, AVAILABILITY, OCT, NOV, 985, 1000));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().auth().oauth2(token("billing", null)).queryParam("agreementId", a.agreementId())
                        .when().get("/v1/credits").then().statusCode(200)
                        .body("items[0].state", equalTo("ENTITLED"))
                        .body("items[0].claimDeadline", equalTo(DEC.toString())));
    }
}
