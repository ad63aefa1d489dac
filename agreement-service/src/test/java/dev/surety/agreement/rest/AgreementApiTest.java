package dev.surety.agreement.rest;

import static dev.surety.agreement.Fixtures.AGREEMENTS;
import static dev.surety.agreement.Fixtures.JSON;
import static dev.surety.agreement.Fixtures.admin;
import static dev.surety.agreement.Fixtures.as;
import static dev.surety.agreement.Fixtures.create;
import static dev.surety.agreement.Fixtures.tenant;
import static dev.surety.agreement.Fixtures.validRequest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasToString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.agreement.Roles;
import dev.surety.devstack.Jwts;
import dev.surety.devstack.testing.SuretyTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The agreements API as provider staff and customers use it, against a real database and broker. */
@QuarkusTest
@QuarkusTestResource(value = SuretyTestInfra.class, restrictToAnnotatedClass = false)
class AgreementApiTest {

    @Test
    void createReturnsTheAgreementWithEveryDefaultAndGetReturnsTheSame() throws Exception {
        String customer = tenant("acme");
        Instant before = Instant.now();
        Response created = admin().contentType("application/json").body(validRequest(customer))
                .post(AGREEMENTS);
        created.then()
                .statusCode(201)
                .contentType("application/json")
                .header("ETag", "\"1\"")
                .body("version", equalTo(1))
                // A new agreement is a draft unless the request asks for ACTIVE.
                .body("status", equalTo("DRAFT"))
                .body("name", equalTo("Checkout API availability"))
                .body("description", equalTo("Monthly availability of the checkout API"))
                .body("customer", equalTo(customer))
                .body("provider", equalTo("surety-cloud"))
                .body("service", equalTo("checkout-api"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("effectiveTo", nullValue())
                .body("createdBy", equalTo("alice-admin"))
                .body("objectives.id", contains("availability", "objective-2"))
                .body("objectives[0].selector.source", equalTo("edge-proxy"))
                .body("objectives[0].selector.labels.env", equalTo("prod"))
                .body("objectives[0].target", hasToString("99.9"))
                .body("objectives[0].period", equalTo("CALENDAR_MONTH"))
                .body("objectives[0].window", equalTo("PT5M"))
                .body("objectives[0].threshold", hasToString("99"))
                .body("objectives[0].holdTime", equalTo("PT2M"))
                .body("objectives[1].selector.source", nullValue())
                .body("objectives[1].period", equalTo("P30D"))
                .body("objectives[1].holdTime", equalTo("PT0S"))
                // The fee takes the currency's scale; tiers run from the highest bound down.
                .body("compensation.monthlyFee", hasToString("1000.00"))
                .body("compensation.currency", equalTo("EUR"))
                .body("compensation.tiers.belowPercent", contains(hasToString("99.9"), hasToString("99.0")))
                .body("compensation.tiers.creditPercent", contains(hasToString("10"), hasToString("25")))
                .body("compensation.capPercent", hasToString("100"))
                .body("compensation.claimRequired", equalTo(false));

        String id = created.path("id");
        UUID.fromString(id);
        created.then().header("Location", endsWith(AGREEMENTS + "/" + id));
        Instant createdAt = Instant.parse(created.path("createdAt"));
        Instant effectiveFrom = Instant.parse(created.path("effectiveFrom"));
        assertEquals(createdAt, Instant.parse(created.path("updatedAt")));
        // effectiveFrom defaults to the moment of creation.
        assertEquals(createdAt, effectiveFrom);
        assertTrue(!createdAt.isBefore(before.minusSeconds(1)), "createdAt is the time of the request");

        Response fetched = admin().get(created.header("Location"));
        fetched.then().statusCode(200).header("ETag", "\"1\"");
        JsonNode createdBody = JSON.readTree(created.asString());
        JsonNode fetchedBody = JSON.readTree(fetched.asString());
        // Byte-for-byte the same numbers: decimals survive the jsonb round trip with their scale.
        assertEquals(createdBody, fetchedBody);
    }

    @Test
    void everyReadingRoleSeesAnyTenantsAgreement() {
        String id = create(tenant("globex"));
        for (String role : new String[] {Roles.PROVIDER_ADMIN, Roles.OPS, Roles.BILLING}) {
            as("staff-" + role, null, role).get(AGREEMENTS + "/" + id).then().statusCode(200).body("id", equalTo(id));
            as("staff-" + role, null, role).get(AGREEMENTS).then().statusCode(200).body("items.id", hasItem(id));
        }
    }

    @Test
    void customerSeesOnlyItsOwnTenant() {
        String tenantA = tenant("tenant-a");
        String tenantB = tenant("tenant-b");
        String a = create(tenantA);
        String b = create(tenantB);

        as("bob", tenantB, Roles.CUSTOMER).get(AGREEMENTS + "/" + a)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", notNullValue());
        as("bob", tenantB, Roles.CUSTOMER).get(AGREEMENTS + "/" + b).then().statusCode(200).body("id", equalTo(b));
        as("bob", tenantB, Roles.CUSTOMER).get(AGREEMENTS)
                .then().statusCode(200)
                .body("items.id", hasItem(b))
                .body("items.id", not(hasItem(a)))
                .body("items.customer", everyItem(equalTo(tenantB)));
        // Asking for another tenant narrows to nothing; it never widens a customer's view.
        as("bob", tenantB, Roles.CUSTOMER).queryParam("customer", tenantA).get(AGREEMENTS)
                .then().statusCode(200).body("total", equalTo(0)).body("items.size()", equalTo(0));
        as("carol", tenantA, Roles.CUSTOMER).get(AGREEMENTS + "/" + a).then().statusCode(200);
    }

    @Test
    void customerFilterAndPagingNewestFirst() {
        String customer = tenant("initech");
        String first = create(customer);
        String second = create(customer);
        String third = create(customer);
        admin().queryParam("customer", customer).queryParam("size", 2).get(AGREEMENTS)
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("items.id", contains(third, second));
        admin().queryParam("customer", customer).queryParam("size", 2).queryParam("page", 1).get(AGREEMENTS)
                .then().statusCode(200)
                .body("items.id", contains(first));
        admin().get(AGREEMENTS).then().statusCode(200).body("size", equalTo(20));
    }

    @Test
    void pagingParametersAreChecked() {
        admin().queryParam("size", 101).get(AGREEMENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("size"));
        admin().queryParam("page", -1).get(AGREEMENTS)
                .then().statusCode(400).body("errors.field", contains("page"));
    }

    @Test
    void unknownOrMalformedIdIsNotFound() {
        admin().get(AGREEMENTS + "/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        admin().get(AGREEMENTS + "/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void withoutTokenEveryEndpointAnswers401() {
        given().get(AGREEMENTS).then().statusCode(401);
        given().get(AGREEMENTS + "/" + UUID.randomUUID()).then().statusCode(401);
        given().contentType("application/json").body(validRequest(tenant("x"))).post(AGREEMENTS).then().statusCode(401);
    }

    @Test
    void tokenFromAnotherIssuerKeyIsRejected() {
        String forged = Jwts.generate().mint("mallory", null, Roles.PROVIDER_ADMIN);
        given().auth().oauth2(forged).get(AGREEMENTS).then().statusCode(401);
    }

    @Test
    void wrongRoleAnswers403() {
        String id = create(tenant("umbrella"));
        as("probe-1", "umbrella", Roles.AGENT).get(AGREEMENTS).then().statusCode(403);
        as("probe-1", "umbrella", Roles.AGENT).get(AGREEMENTS + "/" + id).then().statusCode(403);
        as("probe-1", "umbrella", Roles.AGENT).contentType("application/json").body(validRequest("umbrella"))
                .post(AGREEMENTS).then().statusCode(403).contentType("application/problem+json");
        for (String role : new String[] {Roles.OPS, Roles.BILLING, Roles.CUSTOMER}) {
            as("someone", "umbrella", role).contentType("application/json").body(validRequest("umbrella"))
                    .post(AGREEMENTS).then().statusCode(403);
        }
    }

    @Test
    void explicitEffectiveDatesAreKept() {
        Map<String, Object> request = validRequest(tenant("hooli"));
        request.put("effectiveFrom", "2026-01-01T00:00:00Z");
        request.put("effectiveTo", "2027-01-01T00:00:00Z");
        request.remove("timeZone");
        admin().contentType("application/json").body(request).post(AGREEMENTS)
                .then().statusCode(201)
                .body("effectiveFrom", equalTo("2026-01-01T00:00:00Z"))
                .body("effectiveTo", equalTo("2027-01-01T00:00:00Z"))
                .body("timeZone", equalTo("UTC"))
                .body("createdAt", containsString("T"));
    }
}
