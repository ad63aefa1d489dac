package dev.surety.agreement.messaging;

import static dev.surety.agreement.Fixtures.AGREEMENTS;
import static dev.surety.agreement.Fixtures.admin;
import static dev.surety.agreement.Fixtures.as;
import static dev.surety.agreement.Fixtures.awaitRecords;
import static dev.surety.agreement.Fixtures.create;
import static dev.surety.agreement.Fixtures.objective;
import static dev.surety.agreement.Fixtures.tenant;
import static dev.surety.agreement.Fixtures.transition;
import static dev.surety.agreement.Fixtures.validRequest;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.surety.agreement.Roles;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every new version reaches the agreements topic as a full snapshot; a deleted draft as a tombstone. */
@QuarkusTest
class AgreementChangeEventsTest {

    private static String eventId(String id, int version) {
        return UUID.nameUUIDFromBytes(("agreement-snapshot/" + id + "/" + version).getBytes()).toString();
    }

    @Test
    void everyVersionIsPublishedAsAFullSnapshotInOrder() {
        String customer = tenant("events");
        String id = create(customer);
        Map<String, Object> request = validRequest(customer);
        objective(request, 0).put("target", new BigDecimal("99.95"));
        String updatedAt = admin().contentType("application/json").header("If-Match", "\"1\"").body(request)
                .put(AGREEMENTS + "/" + id).then().statusCode(200).extract().path("updatedAt");
        transition(id, 2, "ACTIVE");

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(id, r -> r.size() >= 3);
        List<AgreementSnapshot> snapshots = records.stream()
                .map(r -> EventCodec.decode(r.value(), AgreementSnapshot.class)).toList();
        assertEquals(List.of(1, 2, 3), snapshots.stream().map(AgreementSnapshot::version).toList());
        assertEquals(List.of(AgreementStatus.DRAFT, AgreementStatus.DRAFT, AgreementStatus.ACTIVE),
                snapshots.stream().map(AgreementSnapshot::status).toList());

        ConsumerRecord<String, byte[]> v2 = records.get(1);
        assertEquals(eventId(id, 2), CloudEvents.header(v2.headers(), CloudEvents.H_ID));
        assertEquals(Instant.parse(updatedAt), Instant.parse(CloudEvents.header(v2.headers(), CloudEvents.H_TIME)));
        AgreementSnapshot snapshot = snapshots.get(1);
        // The whole agreement travels, not a diff.
        assertEquals(0, new BigDecimal("99.95").compareTo(snapshot.objective("availability").target()));
        assertEquals(2, snapshot.objectives().size());
        assertEquals(customer, snapshot.tenant());
        assertEquals(new BigDecimal("1000.00"), snapshot.compensation().monthlyFee());
        assertEquals(Instant.parse(updatedAt), snapshot.updatedAt());
        assertEquals(eventId(id, 3), CloudEvents.header(records.get(2).headers(), CloudEvents.H_ID));
        assertEquals(0, new BigDecimal("99.95").compareTo(snapshots.get(2).objective("availability").target()));
    }

    @Test
    void deletingADraftPublishesATombstoneAndForgetsIt() {
        String customer = tenant("delete");
        String id = create(customer);
        as("olga", null, Roles.OPS).delete(AGREEMENTS + "/" + id).then().statusCode(403);
        as("cust", customer, Roles.CUSTOMER).delete(AGREEMENTS + "/" + id).then().statusCode(403);
        admin().delete(AGREEMENTS + "/" + id).then().statusCode(204);

        admin().get(AGREEMENTS + "/" + id).then().statusCode(404).contentType("application/problem+json");
        admin().get(AGREEMENTS + "/" + id + "/versions").then().statusCode(404);
        admin().queryParam("customer", customer).get(AGREEMENTS).then().statusCode(200).body("total", equalTo(0));
        admin().delete(AGREEMENTS + "/" + id).then().statusCode(404);

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(id, r -> r.size() >= 2);
        assertEquals(2, records.size());
        assertEquals(1, EventCodec.decode(records.get(0).value(), AgreementSnapshot.class).version());
        ConsumerRecord<String, byte[]> tombstone = records.get(1);
        assertEquals(id, tombstone.key());
        assertNull(tombstone.value());
        // Not an event: no CloudEvents headers.
        assertNull(CloudEvents.header(tombstone.headers(), CloudEvents.H_TYPE));
        assertNull(CloudEvents.header(tombstone.headers(), CloudEvents.H_ID));
    }

    @Test
    void onlyDraftsCanBeDeleted() {
        String customer = tenant("delete");
        String active = create(customer, "ACTIVE");
        admin().delete(AGREEMENTS + "/" + active).then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", contains("status"))
                .body("errors[0].message", containsString("only a DRAFT agreement can be deleted"));
        String terminated = create(customer, "ACTIVE");
        transition(terminated, 1, "TERMINATED");
        admin().delete(AGREEMENTS + "/" + terminated).then().statusCode(409);
        admin().get(AGREEMENTS + "/" + active).then().statusCode(200).body("status", equalTo("ACTIVE"));
        admin().get(AGREEMENTS + "/" + terminated).then().statusCode(200).body("status", equalTo("TERMINATED"));
    }

    @Test
    void deleteHonoursAnIfMatchWhenGiven() {
        String customer = tenant("delete");
        String id = create(customer);
        admin().header("If-Match", "\"2\"").delete(AGREEMENTS + "/" + id).then().statusCode(412)
                .contentType("application/problem+json");
        admin().header("If-Match", "2").delete(AGREEMENTS + "/" + id).then().statusCode(400)
                .body("errors.field", contains("If-Match"));
        admin().header("If-Match", "\"1\"").delete(AGREEMENTS + "/" + id).then().statusCode(204);
        admin().delete(AGREEMENTS + "/" + UUID.randomUUID()).then().statusCode(404);
        admin().delete(AGREEMENTS + "/not-a-uuid").then().statusCode(404);
    }
}
