package dev.surety.agreement.rest;

import static dev.surety.agreement.Fixtures.AGREEMENTS;
import static dev.surety.agreement.Fixtures.admin;
import static dev.surety.agreement.Fixtures.as;
import static dev.surety.agreement.Fixtures.tenant;
import static dev.surety.agreement.Fixtures.transition;
import static dev.surety.agreement.Fixtures.validRequest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.agreement.Fixtures;
import dev.surety.agreement.Roles;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.EventCodec;
import dev.surety.events.MaintenanceWindow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Maintenance windows as a sub-resource: each announcement or withdrawal is a new version. */
@QuarkusTest
class MaintenanceWindowApiTest {

    private static String in(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** An agreement with a 7-day notice and no windows; returns its id. */
    private static String agreementWithNotice(String customer) {
        Map<String, Object> r = validRequest(customer);
        r.put("exclusions", Map.of("minimumNotice", "P7D"));
        r.put("status", "ACTIVE");
        return admin().contentType("application/json").body(r).post(AGREEMENTS)
                .then().statusCode(201).extract().path("id");
    }

    private static Response post(String id, String ifMatch, Object body) {
        var spec = admin().contentType("application/json").body(body);
        if (ifMatch != null) {
            spec = spec.header("If-Match", ifMatch);
        }
        return spec.post(AGREEMENTS + "/" + id + "/maintenance-windows");
    }

    private static Map<String, Object> window(String windowId, String start) {
        return new HashMap<>(Map.of("windowId", windowId, "title", "patching", "start", start, "duration", "PT2H"));
    }

    @Test
    void announcingInTimeAndLateWritesVersionsAndFlagsExcludable() {
        String customer = tenant("mw");
        String id = agreementWithNotice(customer);
        String path = AGREEMENTS + "/" + id + "/maintenance-windows";
        Instant before = Instant.now().minusSeconds(1);

        Response early = as("carol-admin", null, Roles.PROVIDER_ADMIN).contentType("application/json")
                .header("If-Match", "\"1\"").body(window("early", in(30))).post(path);
        early.then().statusCode(201).header("ETag", "\"2\"").header("Location", endsWith(path + "/early"))
                .body("windowId", equalTo("early"))
                .body("excludable", equalTo(true))
                // A window without a zone takes the agreement's.
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("duration", equalTo("PT2H"));
        Instant announcedAt = Instant.parse(early.path("announcedAt"));
        assertTrue(!announcedAt.isBefore(before) && !announcedAt.isAfter(Instant.now()), "announcedAt is now");

        // Inside the notice period: stored, never refused, but not excludable.
        post(id, "\"2\"", window("late", in(1))).then().statusCode(201).header("ETag", "\"3\"")
                .body("excludable", equalTo(false));

        admin().get(path).then().statusCode(200).header("ETag", "\"3\"")
                .body("version", equalTo(3)).body("minimumNotice", equalTo("PT168H"))
                .body("items.windowId", contains("early", "late"))
                .body("items.excludable", contains(true, false));
        admin().get(path + "/late").then().statusCode(200).body("excludable", equalTo(false));
        // The agreement itself shows them too, and the author of each version is recorded.
        admin().get(AGREEMENTS + "/" + id).then().statusCode(200)
                .body("exclusions.maintenanceWindows.windowId", contains("early", "late"))
                .body("updatedBy", equalTo("alice-admin"));
        admin().get(AGREEMENTS + "/" + id + "/versions").then().statusCode(200)
                .body("items.createdBy", contains("alice-admin", "carol-admin", "alice-admin"));

        // The snapshot of version 2 carries the window with its flag and its author.
        var records = Fixtures.awaitRecords(id, rs -> rs.size() >= 3);
        AgreementSnapshot v2 = EventCodec.decode(records.get(1).value(), AgreementSnapshot.class);
        assertEquals(2, v2.version());
        assertEquals("carol-admin", v2.updatedBy());
        assertEquals(Duration.ofDays(7), v2.exclusions().minimumNotice());
        MaintenanceWindow w = v2.exclusions().maintenanceWindows().get(0);
        assertEquals("early", w.windowId());
        assertTrue(w.excludable());
        assertEquals(announcedAt, w.announcedAt());
        AgreementSnapshot v3 = EventCodec.decode(records.get(2).value(), AgreementSnapshot.class);
        assertFalse(v3.exclusions().maintenanceWindows().get(1).excludable());

        // Withdrawing is a new version too; the window is gone from the current one.
        as("dave-admin", null, Roles.PROVIDER_ADMIN).header("If-Match", "\"3\"").delete(path + "/early")
                .then().statusCode(204).header("ETag", "\"4\"");
        admin().get(path + "/early").then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Maintenance window not found"));
        admin().get(path).then().body("items.windowId", contains("late"));
        admin().get(AGREEMENTS + "/" + id).then().body("updatedBy", equalTo("dave-admin")).body("version", equalTo(4));
        // Version 2 still has it: time it excluded then stays excluded.
        admin().queryParam("at", announcedAt.toString()).get(AGREEMENTS + "/" + id).then()
                .body("exclusions.maintenanceWindows.windowId", contains("early"));
    }

    @Test
    void writesNeedIfMatchAndTheCurrentVersion() {
        String id = agreementWithNotice(tenant("mw"));
        String path = AGREEMENTS + "/" + id + "/maintenance-windows";
        post(id, null, window("w", in(30))).then().statusCode(428).contentType("application/problem+json")
                .body("errors.field", contains("If-Match"));
        post(id, "\"7\"", window("w", in(30))).then().statusCode(412).contentType("application/problem+json");
        post(id, "*", window("w", in(30))).then().statusCode(400).body("errors.field", contains("If-Match"));
        post(id, "\"1\"", window("w", in(30))).then().statusCode(201);
        // Same id again: conflict, named.
        post(id, "\"2\"", window("w", in(40))).then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", contains("windowId"));
        admin().delete(path + "/w").then().statusCode(428);
        admin().header("If-Match", "\"1\"").delete(path + "/w").then().statusCode(412);
        admin().header("If-Match", "\"2\"").delete(path + "/nope").then().statusCode(404);
        admin().header("If-Match", "\"2\"").delete(path + "/w").then().statusCode(204).header("ETag", "\"3\"");
    }

    @Test
    void theWindowBodyIsValidatedWithPathsFromItsRoot() {
        String id = agreementWithNotice(tenant("mw"));
        Map<String, Object> bad = window("w", in(30));
        bad.put("rrule", "FREQ=MINUTELY");
        post(id, "\"1\"", bad).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("rrule"))
                .body("errors[0].message", containsString("FREQ=MINUTELY is not supported"));
        Map<String, Object> announced = window("w", in(30));
        announced.put("announcedAt", in(-3));
        post(id, "\"1\"", announced).then().statusCode(400).body("errors.field", contains("announcedAt"));
        Map<String, Object> unknown = window("w", in(30));
        unknown.put("colour", "red");
        post(id, "\"1\"", unknown).then().statusCode(400).body("errors.field", contains("colour"))
                .body("errors[0].message", equalTo("unknown property"));
        post(id, "\"1\"", Map.of("start", in(3))).then().statusCode(400).body("errors.field", contains("duration"));
        // Nothing was written.
        admin().get(AGREEMENTS + "/" + id).then().body("version", equalTo(1));
    }

    @Test
    void rolesAndTenants() {
        String customer = tenant("mw");
        String id = agreementWithNotice(customer);
        String path = AGREEMENTS + "/" + id + "/maintenance-windows";
        post(id, "\"1\"", window("w", in(30))).then().statusCode(201);
        for (String role : List.of(Roles.OPS, Roles.BILLING)) {
            as("staff", null, role).get(path).then().statusCode(200).body("items.windowId", contains("w"));
            as("staff", null, role).get(path + "/w").then().statusCode(200);
        }
        as("cust", customer, Roles.CUSTOMER).get(path).then().statusCode(200).body("items.windowId", contains("w"));
        as("cust", customer, Roles.CUSTOMER).get(path + "/w").then().statusCode(200);
        // Another tenant's agreement does not exist for this customer.
        as("other", tenant("other"), Roles.CUSTOMER).get(path).then().statusCode(404);
        as("other", tenant("other"), Roles.CUSTOMER).get(path + "/w").then().statusCode(404);
        // Only provider admins write.
        as("cust", customer, Roles.CUSTOMER).contentType("application/json").header("If-Match", "\"2\"")
                .body(window("x", in(30))).post(path).then().statusCode(403).contentType("application/problem+json");
        as("ops", null, Roles.OPS).header("If-Match", "\"2\"").delete(path + "/w").then().statusCode(403);
        as("agent", customer, Roles.AGENT).get(path).then().statusCode(403);
        given().get(path).then().statusCode(401);
        given().contentType("application/json").body(window("x", in(30))).post(path).then().statusCode(401);
        admin().get(AGREEMENTS + "/not-a-uuid/maintenance-windows").then().statusCode(404);
    }

    @Test
    void aTerminatedAgreementTakesNoWindows() {
        String id = agreementWithNotice(tenant("mw"));
        transition(id, 1, "TERMINATED");
        post(id, "\"2\"", window("w", in(30))).then().statusCode(409).body("errors.field", contains("status"));
    }

    @Test
    void windowsInAFullUpdateKeepTheirAnnouncementUnlessTheyChange() {
        String customer = tenant("mw");
        Map<String, Object> r = validRequest(customer);
        String keptStart = in(30);
        Map<String, Object> kept = window("kept", keptStart);
        Map<String, Object> moved = window("moved", in(30));
        r.put("exclusions", new HashMap<>(Map.of("minimumNotice", "P7D", "maintenanceWindows", List.of(kept, moved))));
        Response created = admin().contentType("application/json").body(r).post(AGREEMENTS);
        created.then().statusCode(201).body("exclusions.maintenanceWindows.excludable", contains(true, true));
        String id = created.path("id");
        String keptAt = created.path("exclusions.maintenanceWindows[0].announcedAt");
        String movedAt = created.path("exclusions.maintenanceWindows[1].announcedAt");

        // Same "kept" window (a new title only); "moved" now starts tomorrow: re-announced, and late.
        kept.put("title", "patching (renamed)");
        moved.put("start", in(1));
        Map<String, Object> added = new HashMap<>(Map.of("start", in(20), "duration", "PT1H"));
        r.put("exclusions", new HashMap<>(Map.of("minimumNotice", "P7D",
                "maintenanceWindows", List.of(kept, moved, added))));
        awaitClockPast(Instant.parse(movedAt));
        Response updated = admin().contentType("application/json").header("If-Match", "\"1\"").body(r)
                .put(AGREEMENTS + "/" + id);
        updated.then().statusCode(200)
                .body("exclusions.maintenanceWindows[0].announcedAt", equalTo(keptAt))
                .body("exclusions.maintenanceWindows[0].title", equalTo("patching (renamed)"))
                .body("exclusions.maintenanceWindows.excludable", contains(true, false, true))
                // A window without an id gets one derived from its timing.
                .body("exclusions.maintenanceWindows[2].windowId", org.hamcrest.Matchers.matchesPattern("mw-[0-9a-f]{8}"));
        assertNotEquals(movedAt, updated.path("exclusions.maintenanceWindows[1].announcedAt"));
        String addedId = updated.path("exclusions.maintenanceWindows[2].windowId");
        String addedAt = updated.path("exclusions.maintenanceWindows[2].announcedAt");

        // The same body again changes nothing about the windows (the derived id is stable).
        admin().contentType("application/json").header("If-Match", "\"2\"").body(r).put(AGREEMENTS + "/" + id)
                .then().statusCode(200)
                .body("exclusions.maintenanceWindows[2].windowId", equalTo(addedId))
                .body("exclusions.maintenanceWindows[2].announcedAt", equalTo(addedAt));

        // A longer notice in a later version is applied to the same announcement.
        r.put("exclusions", new HashMap<>(Map.of("minimumNotice", "P25D",
                "maintenanceWindows", List.of(kept, moved, added))));
        admin().contentType("application/json").header("If-Match", "\"3\"").body(r).put(AGREEMENTS + "/" + id)
                .then().statusCode(200)
                .body("exclusions.maintenanceWindows.excludable", contains(true, false, false))
                .body("exclusions.maintenanceWindows[0].announcedAt", equalTo(keptAt));
        assertEquals(keptStart, admin().get(AGREEMENTS + "/" + id + "/maintenance-windows/kept").path("start"));
    }

    private static void awaitClockPast(Instant t) {
        org.awaitility.Awaitility.await().until(() -> Instant.now().isAfter(t.plusMillis(2)));
    }
}
