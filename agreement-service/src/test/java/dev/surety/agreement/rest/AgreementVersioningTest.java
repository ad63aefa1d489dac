package dev.surety.agreement.rest;

import static dev.surety.agreement.Fixtures.AGREEMENTS;
import static dev.surety.agreement.Fixtures.admin;
import static dev.surety.agreement.Fixtures.as;
import static dev.surety.agreement.Fixtures.create;
import static dev.surety.agreement.Fixtures.objective;
import static dev.surety.agreement.Fixtures.tenant;
import static dev.surety.agreement.Fixtures.transition;
import static dev.surety.agreement.Fixtures.validRequest;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasToString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.agreement.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Updates as new versions, optimistic concurrency with If-Match, history and point-in-time reads. */
@QuarkusTest
class AgreementVersioningTest {

    private static Response put(String id, String ifMatch, Map<String, Object> body) {
        var spec = admin().contentType("application/json").body(body);
        if (ifMatch != null) {
            spec = spec.header("If-Match", ifMatch);
        }
        return spec.put(AGREEMENTS + "/" + id);
    }

    private static Map<String, Object> withTarget(String customer, String target) {
        Map<String, Object> request = validRequest(customer);
        objective(request, 0).put("target", new java.math.BigDecimal(target));
        return request;
    }

    @Test
    void updateWritesVersion2WithItsAuthorAndKeepsStatusAndStart() {
        String customer = tenant("ver");
        String id = create(customer, "ACTIVE");
        Response v1 = admin().get(AGREEMENTS + "/" + id);
        Map<String, Object> request = withTarget(customer, "99.95");
        request.put("name", "Checkout API availability (renegotiated)");

        Response v2 = as("bob-admin", null, Roles.PROVIDER_ADMIN).contentType("application/json")
                .header("If-Match", "\"1\"").body(request).put(AGREEMENTS + "/" + id);
        v2.then().statusCode(200).contentType("application/json").header("ETag", "\"2\"")
                .body("version", equalTo(2))
                .body("status", equalTo("ACTIVE"))
                .body("name", equalTo("Checkout API availability (renegotiated)"))
                .body("objectives[0].target", hasToString("99.95"))
                // The agreement's creation stays; the start it had is kept when the update omits it.
                .body("createdBy", equalTo("alice-admin"))
                .body("createdAt", equalTo(v1.path("createdAt")))
                .body("effectiveFrom", equalTo(v1.path("effectiveFrom")));
        admin().get(AGREEMENTS + "/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("name", equalTo("Checkout API availability (renegotiated)"));
        admin().get(AGREEMENTS + "/" + id + "/versions").then().statusCode(200)
                .body("items.version", contains(1, 2))
                .body("items.status", contains("ACTIVE", "ACTIVE"))
                .body("items.createdBy", contains("alice-admin", "bob-admin"))
                .body("items[1].createdAt", equalTo(v2.path("updatedAt")));
    }

    @Test
    void updateIsValidatedLikeCreate() {
        String customer = tenant("ver");
        String id = create(customer);
        Map<String, Object> request = withTarget(customer, "100");
        request.put("weight", 3);
        put(id, "\"1\"", request).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("weight"));
        request.remove("weight");
        put(id, "\"1\"", request).then().statusCode(400)
                .body("errors.field", contains("objectives[0].target"));
        admin().get(AGREEMENTS + "/" + id).then().statusCode(200).header("ETag", "\"1\"");
    }

    @Test
    void updateNeedsIfMatchAndTheCurrentVersion() {
        String customer = tenant("ver");
        String id = create(customer);
        put(id, null, validRequest(customer)).then().statusCode(428).contentType("application/problem+json")
                .body("status", equalTo(428))
                .body("errors.field", contains("If-Match"));
        put(id, "\"1\"", withTarget(customer, "99.8")).then().statusCode(200).header("ETag", "\"2\"");
        // Based on version 1, which is no longer current: refused, never silently applied.
        put(id, "\"1\"", withTarget(customer, "99.7")).then().statusCode(412)
                .contentType("application/problem+json")
                .body("status", equalTo(412))
                .body("detail", containsString("no longer at version 1"));
        admin().get(AGREEMENTS + "/" + id).then().statusCode(200)
                .header("ETag", "\"2\"").body("objectives[0].target", hasToString("99.8"));
        put(UUID.randomUUID().toString(), "\"1\"", validRequest(customer)).then().statusCode(404);
        as("olga", null, Roles.OPS).contentType("application/json").header("If-Match", "\"2\"")
                .body(validRequest(customer)).put(AGREEMENTS + "/" + id).then().statusCode(403);
    }

    @Test
    void updateCannotChangeTheStatusNorTouchATerminatedAgreement() {
        String customer = tenant("ver");
        String id = create(customer);
        Map<String, Object> request = validRequest(customer);
        request.put("status", "ACTIVE");
        put(id, "\"1\"", request).then().statusCode(409).body("errors.field", contains("status"))
                .body("errors[0].message", containsString("/lifecycle"));
        request.put("status", "DRAFT");
        put(id, "\"1\"", request).then().statusCode(200).body("status", equalTo("DRAFT"));
        transition(id, 2, "ACTIVE");
        transition(id, 3, "TERMINATED");
        put(id, "\"4\"", validRequest(customer)).then().statusCode(409).body("errors.field", contains("status"))
                .body("errors[0].message", containsString("TERMINATED"));
    }

    @Test
    void ofTwoConcurrentUpdatesOfTheSameVersionExactlyOneWins() throws Exception {
        String customer = tenant("race");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String id = create(customer, "ACTIVE");
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Integer>> racers = new ArrayList<>();
                for (String target : List.of("99.1", "99.2")) {
                    racers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                        return put(id, "\"1\"", withTarget(customer, target)).statusCode();
                    }, pool));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (CompletableFuture<Integer> r : racers) {
                    statuses.add(r.get(60, TimeUnit.SECONDS));
                }
                statuses.sort(null);
                assertEquals(List.of(200, 412), statuses);
                admin().get(AGREEMENTS + "/" + id + "/versions").then().statusCode(200)
                        .body("total", equalTo(2)).body("items.version", contains(1, 2));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void atReturnsTheVersionInForceAtThatInstant() {
        String customer = tenant("at");
        String id = create(customer, "ACTIVE");
        Instant t1 = Instant.parse(admin().get(AGREEMENTS + "/" + id).path("updatedAt"));
        awaitClockPast(t1);
        Instant t2 = Instant.parse(put(id, "\"1\"", withTarget(customer, "99.8")).then().statusCode(200)
                .extract().path("updatedAt"));
        awaitClockPast(t2);
        Instant t3 = Instant.parse(put(id, "\"2\"", withTarget(customer, "99.7")).then().statusCode(200)
                .extract().path("updatedAt"));
        String path = AGREEMENTS + "/" + id;

        admin().queryParam("at", t1.minusMillis(1).toString()).get(path)
                .then().statusCode(404).contentType("application/problem+json");
        admin().queryParam("at", t1.toString()).get(path).then().statusCode(200)
                .header("ETag", "\"1\"").body("version", equalTo(1)).body("objectives[0].target", hasToString("99.9"));
        admin().queryParam("at", t2.minusMillis(1).toString()).get(path).then().statusCode(200)
                .body("version", equalTo(1));
        admin().queryParam("at", t2.toString()).get(path).then().statusCode(200)
                .body("version", equalTo(2)).body("objectives[0].target", hasToString("99.8"))
                .body("updatedAt", equalTo(t2.toString()));
        admin().queryParam("at", t3.minusMillis(1).toString()).get(path).then().statusCode(200)
                .body("version", equalTo(2));
        admin().queryParam("at", t3.toString()).get(path).then().statusCode(200).body("version", equalTo(3));
        admin().queryParam("at", "2999-01-01T00:00:00Z").get(path).then().statusCode(200)
                .body("version", equalTo(3)).body("objectives[0].target", hasToString("99.7"));
        // An offset is an instant too.
        admin().queryParam("at", "2999-01-01T01:00:00+01:00").get(path).then().statusCode(200)
                .body("version", equalTo(3));
        admin().queryParam("at", "yesterday").get(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("at"));
        // Tenant scoping holds for history too.
        as("cust", customer, Roles.CUSTOMER).queryParam("at", t2.toString()).get(path).then().statusCode(200)
                .body("version", equalTo(2));
        as("other", tenant("other"), Roles.CUSTOMER).queryParam("at", t2.toString()).get(path)
                .then().statusCode(404);
    }

    @Test
    void historyIsPagedOldestFirstAndTenantScoped() {
        String customer = tenant("hist");
        String id = create(customer);
        transition(id, 1, "ACTIVE");
        put(id, "\"2\"", withTarget(customer, "99.8")).then().statusCode(200);
        String path = AGREEMENTS + "/" + id + "/versions";
        admin().queryParam("size", 2).get(path).then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(2)).body("total", equalTo(3))
                .body("items.version", contains(1, 2))
                .body("items.status", contains("DRAFT", "ACTIVE"));
        admin().queryParam("size", 2).queryParam("page", 1).get(path).then().statusCode(200)
                .body("items.version", contains(3)).body("items[0].status", equalTo("ACTIVE"))
                .body("items[0].createdBy", equalTo("alice-admin"));
        admin().queryParam("size", 0).get(path).then().statusCode(400).body("errors.field", contains("size"));
        as("cust", customer, Roles.CUSTOMER).get(path).then().statusCode(200).body("total", equalTo(3));
        as("billy", null, Roles.BILLING).get(path).then().statusCode(200).body("total", equalTo(3));
        as("other", tenant("other"), Roles.CUSTOMER).get(path).then().statusCode(404);
        admin().get(AGREEMENTS + "/" + UUID.randomUUID() + "/versions").then().statusCode(404);
        as("probe", "x", Roles.AGENT).get(path).then().statusCode(403);
    }

    @Test
    void everyVersionRecordsItsAuthorAndTimeAndTheSnapshotAuthor() {
        String customer = tenant("authors");
        String id = create(customer);
        awaitClockPast(Instant.parse(admin().get(AGREEMENTS + "/" + id).path("updatedAt")));
        as("bob-admin", null, Roles.PROVIDER_ADMIN).contentType("application/json").header("If-Match", "\"1\"")
                .body(withTarget(customer, "99.8")).put(AGREEMENTS + "/" + id).then().statusCode(200)
                .body("updatedBy", equalTo("bob-admin")).body("createdBy", equalTo("alice-admin"));
        awaitClockPast(Instant.parse(admin().get(AGREEMENTS + "/" + id).path("updatedAt")));
        as("carol-admin", null, Roles.PROVIDER_ADMIN).contentType("application/json").header("If-Match", "\"2\"")
                .body(Map.of("status", "ACTIVE")).post(AGREEMENTS + "/" + id + "/lifecycle").then().statusCode(200)
                .body("updatedBy", equalTo("carol-admin"));

        Response history = admin().get(AGREEMENTS + "/" + id + "/versions");
        history.then().statusCode(200).body("items.createdBy", contains("alice-admin", "bob-admin", "carol-admin"));
        List<String> times = history.path("items.createdAt");
        List<String> authors = history.path("items.createdBy");
        for (int i = 0; i < 3; i++) {
            Instant at = Instant.parse(times.get(i));
            if (i > 0) {
                org.junit.jupiter.api.Assertions.assertTrue(at.isAfter(Instant.parse(times.get(i - 1))));
            }
            // The version in force at its own timestamp is that version, with its author.
            admin().queryParam("at", at.toString()).get(AGREEMENTS + "/" + id).then().statusCode(200)
                    .body("version", equalTo(i + 1)).body("updatedBy", equalTo(authors.get(i)))
                    .body("updatedAt", equalTo(at.toString()));
        }
        // Each version's snapshot names its author too.
        var records = dev.surety.agreement.Fixtures.awaitRecords(id, rs -> rs.size() >= 3);
        assertEquals(List.of("alice-admin", "bob-admin", "carol-admin"), records.stream()
                .map(r -> dev.surety.events.EventCodec.decode(r.value(), dev.surety.events.AgreementSnapshot.class)
                        .updatedBy()).toList());
    }

    @Test
    void listFiltersByStatusAndService() {
        String customer = tenant("filter");
        String draft = create(customer);
        Map<String, Object> other = validRequest(customer);
        other.put("service", "search-api");
        other.put("status", "ACTIVE");
        String active = admin().contentType("application/json").body(other).post(AGREEMENTS)
                .then().statusCode(201).extract().path("id");

        admin().queryParam("customer", customer).get(AGREEMENTS).then().statusCode(200)
                .body("items.id", containsInAnyOrder(draft, active));
        admin().queryParam("customer", customer).queryParam("status", "ACTIVE").get(AGREEMENTS)
                .then().statusCode(200).body("total", equalTo(1)).body("items.id", contains(active));
        admin().queryParam("customer", customer).queryParam("status", "DRAFT").get(AGREEMENTS)
                .then().statusCode(200).body("items.id", contains(draft));
        admin().queryParam("customer", customer).queryParam("service", "checkout-api").get(AGREEMENTS)
                .then().statusCode(200).body("items.id", contains(draft));
        admin().queryParam("customer", customer).queryParam("service", "search-api")
                .queryParam("status", "DRAFT").get(AGREEMENTS)
                .then().statusCode(200).body("total", equalTo(0));
        // The filter follows the current version's status.
        transition(draft, 1, "ACTIVE");
        as("cust", customer, Roles.CUSTOMER).queryParam("status", "ACTIVE").get(AGREEMENTS)
                .then().statusCode(200).body("items.id", containsInAnyOrder(draft, active));
        admin().queryParam("status", "LIVE").get(AGREEMENTS).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("status"));
    }

    /** Waits until the clock has moved past {@code t}, so the next version is written strictly later. */
    private static void awaitClockPast(Instant t) {
        await().until(() -> Instant.now().isAfter(t.plusMillis(2)));
    }
}
