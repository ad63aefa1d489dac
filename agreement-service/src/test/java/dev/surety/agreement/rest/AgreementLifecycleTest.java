package dev.surety.agreement.rest;

import static dev.surety.agreement.Fixtures.AGREEMENTS;
import static dev.surety.agreement.Fixtures.admin;
import static dev.surety.agreement.Fixtures.as;
import static dev.surety.agreement.Fixtures.create;
import static dev.surety.agreement.Fixtures.tenant;
import static dev.surety.agreement.Fixtures.transition;
import static dev.surety.agreement.Fixtures.validRequest;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.agreement.Roles;
import dev.surety.events.AgreementStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The lifecycle DRAFT -> ACTIVE -> SUSPENDED/TERMINATED, every transition allowed and forbidden. */
@QuarkusTest
class AgreementLifecycleTest {

    private static final Map<AgreementStatus, Set<AgreementStatus>> ALLOWED = Map.of(
            AgreementStatus.DRAFT, EnumSet.of(AgreementStatus.ACTIVE),
            AgreementStatus.ACTIVE, EnumSet.of(AgreementStatus.SUSPENDED, AgreementStatus.TERMINATED),
            AgreementStatus.SUSPENDED, EnumSet.of(AgreementStatus.ACTIVE, AgreementStatus.TERMINATED),
            AgreementStatus.TERMINATED, EnumSet.noneOf(AgreementStatus.class));

    private static RequestSpecification lifecycle(String version, String status) {
        return admin().contentType("application/json").header("If-Match", "\"" + version + "\"")
                .body(Map.of("status", status));
    }

    @Test
    void createIsDraftByDefaultAndActiveOnRequest() {
        String customer = tenant("life");
        String draft = create(customer);
        admin().get(AGREEMENTS + "/" + draft).then().statusCode(200).body("status", equalTo("DRAFT"));
        String active = create(customer, "ACTIVE");
        admin().get(AGREEMENTS + "/" + active).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("version", equalTo(1));
        create(customer, "DRAFT");
    }

    @Test
    void createRefusesAnyOtherInitialStatus() {
        for (String status : List.of("SUSPENDED", "TERMINATED")) {
            Map<String, Object> request = validRequest(tenant("life"));
            request.put("status", status);
            admin().contentType("application/json").body(request).post(AGREEMENTS)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("status"))
                    .body("errors[0].message", equalTo("must be DRAFT or ACTIVE when creating an agreement"));
        }
        Map<String, Object> request = validRequest(tenant("life"));
        request.put("status", "LIVE");
        admin().contentType("application/json").body(request).post(AGREEMENTS)
                .then().statusCode(400).body("errors.field", contains("status"))
                .body("errors[0].message", containsString("DRAFT"));
    }

    @Test
    void everyAllowedTransitionWritesANewVersion() {
        String customer = tenant("life");
        String id = create(customer);
        assertEquals(2, transition(id, 1, "ACTIVE"));
        assertEquals(3, transition(id, 2, "SUSPENDED"));
        assertEquals(4, transition(id, 3, "ACTIVE"));
        assertEquals(5, transition(id, 4, "TERMINATED"));
        admin().get(AGREEMENTS + "/" + id).then().statusCode(200).header("ETag", "\"5\"")
                .body("status", equalTo("TERMINATED")).body("version", equalTo(5))
                // The terms travel unchanged through transitions.
                .body("name", equalTo("Checkout API availability"));
        admin().get(AGREEMENTS + "/" + id + "/versions").then().statusCode(200)
                .body("total", equalTo(5))
                .body("items.version", contains(1, 2, 3, 4, 5))
                .body("items.status", contains("DRAFT", "ACTIVE", "SUSPENDED", "ACTIVE", "TERMINATED"));

        String suspended = create(customer, "ACTIVE");
        transition(suspended, 1, "SUSPENDED");
        transition(suspended, 2, "TERMINATED");
    }

    @Test
    void everyForbiddenTransitionIsAConflictNamingTheAllowedOnes() {
        String customer = tenant("life");
        Map<AgreementStatus, String> inStatus = Map.of(
                AgreementStatus.DRAFT, create(customer),
                AgreementStatus.ACTIVE, create(customer, "ACTIVE"),
                AgreementStatus.SUSPENDED, suspended(customer),
                AgreementStatus.TERMINATED, terminated(customer));
        for (var e : inStatus.entrySet()) {
            AgreementStatus from = e.getKey();
            String id = e.getValue();
            int version = admin().get(AGREEMENTS + "/" + id).then().statusCode(200).extract().path("version");
            for (AgreementStatus to : AgreementStatus.values()) {
                if (ALLOWED.get(from).contains(to)) {
                    continue;
                }
                lifecycle(Integer.toString(version), to.name()).post(AGREEMENTS + "/" + id + "/lifecycle")
                        .then().statusCode(409).contentType("application/problem+json")
                        .body("status", equalTo(409))
                        .body("type", equalTo("https://surety.local/problems/lifecycle-conflict"))
                        .body("errors.field", contains("status"))
                        .body("errors[0].message", containsString("cannot change from " + from + " to " + to))
                        .body("errors[0].message", containsString("allowed from " + from + ":"));
            }
            // Nothing was written.
            admin().get(AGREEMENTS + "/" + id).then().statusCode(200)
                    .header("ETag", "\"" + version + "\"").body("status", equalTo(from.name()));
        }
        // The message says what is possible instead.
        lifecycle("1", "TERMINATED").post(AGREEMENTS + "/" + inStatus.get(AgreementStatus.DRAFT) + "/lifecycle")
                .then().statusCode(409)
                .body("errors[0].message", containsString("allowed from DRAFT: ACTIVE (or DELETE the draft)"));
        lifecycle("3", "ACTIVE").post(AGREEMENTS + "/" + inStatus.get(AgreementStatus.TERMINATED) + "/lifecycle")
                .then().statusCode(409)
                .body("errors[0].message", containsString("none (TERMINATED is final)"));
    }

    @Test
    void transitionsNeedTheCurrentVersionInIfMatch() {
        String id = create(tenant("life"));
        String path = AGREEMENTS + "/" + id + "/lifecycle";
        admin().contentType("application/json").body(Map.of("status", "ACTIVE")).post(path)
                .then().statusCode(428).contentType("application/problem+json")
                .body("errors.field", contains("If-Match"));
        lifecycle("7", "ACTIVE").post(path)
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("https://surety.local/problems/stale-version"));
        admin().contentType("application/json").header("If-Match", "one").body(Map.of("status", "ACTIVE")).post(path)
                .then().statusCode(400).body("errors.field", contains("If-Match"));
        admin().contentType("application/json").header("If-Match", "*").body(Map.of("status", "ACTIVE")).post(path)
                .then().statusCode(400).body("errors.field", contains("If-Match"));
        lifecycle("1", "SOMEWHERE").post(path)
                .then().statusCode(400).body("errors.field", contains("status"));
        admin().contentType("application/json").header("If-Match", "\"1\"").body(Map.of()).post(path)
                .then().statusCode(400).body("errors.field", contains("status"));
        lifecycle("1", "ACTIVE").post(AGREEMENTS + "/" + UUID.randomUUID() + "/lifecycle")
                .then().statusCode(404).contentType("application/problem+json");
        admin().get(AGREEMENTS + "/" + id).then().statusCode(200).body("status", equalTo("DRAFT"));
    }

    @Test
    void onlyProviderAdminsChangeTheLifecycle() {
        String customer = tenant("life");
        String id = create(customer);
        for (RequestSpecification who : List.of(as("olga", null, Roles.OPS), as("bill", null, Roles.BILLING),
                as("cust", customer, Roles.CUSTOMER))) {
            who.contentType("application/json").header("If-Match", "\"1\"").body(Map.of("status", "ACTIVE"))
                    .post(AGREEMENTS + "/" + id + "/lifecycle").then().statusCode(403);
        }
        admin().get(AGREEMENTS + "/" + id).then().statusCode(200).body("version", equalTo(1));
    }

    private static String suspended(String customer) {
        String id = create(customer, "ACTIVE");
        transition(id, 1, "SUSPENDED");
        return id;
    }

    private static String terminated(String customer) {
        String id = create(customer, "ACTIVE");
        transition(id, 1, "SUSPENDED");
        transition(id, 2, "TERMINATED");
        return id;
    }
}
