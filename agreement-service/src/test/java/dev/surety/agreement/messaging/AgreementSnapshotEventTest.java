package dev.surety.agreement.messaging;

import static dev.surety.agreement.Fixtures.AGREEMENTS;
import static dev.surety.agreement.Fixtures.admin;
import static dev.surety.agreement.Fixtures.tenant;
import static dev.surety.agreement.Fixtures.validRequest;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.Topic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** A created agreement reaches the agreements topic as a CloudEvent, relayed from the outbox. */
@QuarkusTest
class AgreementSnapshotEventTest {

    @Test
    void createdAgreementIsPublishedAsSnapshot() throws Exception {
        String customer = tenant("snap");
        Response created = admin().contentType("application/json").body(validRequest(customer)).post(AGREEMENTS);
        created.then().statusCode(201);
        String id = created.path("id");

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topic.AGREEMENTS.topicName()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.equals(r.key())) {
                        records.add(r);
                    }
                });
                return !records.isEmpty();
            });
        }

        ConsumerRecord<String, byte[]> record = records.get(0);
        assertEquals(id, record.key());
        assertEquals(EventType.AGREEMENT_SNAPSHOT, CloudEvents.type(record.headers()));
        assertEquals(EventType.AGREEMENT_SNAPSHOT.ceType(), CloudEvents.header(record.headers(), CloudEvents.H_TYPE));
        assertEquals("1.0", CloudEvents.header(record.headers(), CloudEvents.H_SPECVERSION));
        assertEquals("/surety/agreement-service", CloudEvents.header(record.headers(), CloudEvents.H_SOURCE));
        assertEquals(id, CloudEvents.header(record.headers(), CloudEvents.H_SUBJECT));
        assertEquals("application/json", CloudEvents.header(record.headers(), CloudEvents.H_CONTENT_TYPE));
        String ceId = CloudEvents.header(record.headers(), CloudEvents.H_ID);
        // The event id is derived from agreement and version: a re-sent snapshot keeps its ce_id.
        assertEquals(UUID.nameUUIDFromBytes(("agreement-snapshot/" + id + "/1").getBytes()).toString(), ceId);
        Instant updatedAt = Instant.parse(created.path("updatedAt"));
        assertEquals(updatedAt, Instant.parse(CloudEvents.header(record.headers(), CloudEvents.H_TIME)));

        AgreementSnapshot snapshot = EventCodec.decode(record.value(), AgreementSnapshot.class);
        assertEquals(id, snapshot.agreementId());
        assertEquals(1, snapshot.version());
        assertEquals(customer, snapshot.tenant());
        assertEquals(AgreementStatus.DRAFT, snapshot.status());
        assertEquals("Checkout API availability", snapshot.name());
        assertEquals("surety-cloud", snapshot.provider());
        assertEquals("checkout-api", snapshot.service());
        assertEquals("Europe/Berlin", snapshot.timeZone());
        assertEquals(updatedAt, snapshot.updatedAt());
        assertEquals(Instant.parse(created.path("effectiveFrom")), snapshot.effectiveFrom());
        assertNull(snapshot.effectiveTo());
        assertEquals(2, snapshot.objectives().size());

        ObjectiveSpec availability = snapshot.objective("availability");
        assertNotNull(availability);
        assertEquals(0, new BigDecimal("99.9").compareTo(availability.target()));
        assertEquals(0, new BigDecimal("99").compareTo(availability.threshold()));
        assertEquals(ObjectiveSpec.CALENDAR_MONTH, availability.period());
        assertEquals(Duration.ofMinutes(5), availability.window());
        assertEquals(Duration.ofMinutes(2), availability.holdTime());
        assertEquals("edge-proxy", availability.selector().source());
        assertEquals(Map.of("env", "prod"), availability.selector().labels());

        ObjectiveSpec fast = snapshot.objective("objective-2");
        assertNotNull(fast);
        assertEquals("P30D", fast.period());
        assertEquals(Duration.ZERO, fast.holdTime());

        assertEquals(new BigDecimal("1000.00"), snapshot.compensation().monthlyFee());
        assertEquals("EUR", snapshot.compensation().currency());
        assertEquals(2, snapshot.compensation().tiers().size());
        assertEquals(0, new BigDecimal("99.9").compareTo(snapshot.compensation().tiers().get(0).belowPercent()));
        assertEquals(0, new BigDecimal("100").compareTo(snapshot.compensation().capPercent()));
        assertFalse(snapshot.compensation().claimRequired());

        // The relay marks the outbox row published once the broker acknowledged it.
        await().atMost(Duration.ofSeconds(30)).until(() -> publishedAt(ceId) != null);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("surety_agreements_published_total"))
                .body(containsString("surety_agreements_created_total"));
        assertTrue(counter("surety_agreements_published_total") >= 1);
        assertTrue(counter("surety_agreements_created_total") >= 1);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "agreement-service-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Instant publishedAt(String eventId) throws Exception {
        String url = SuretyTestInfra.postgres().jdbcUrl("agreements");
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement s = c.prepareStatement("select published_at from outbox_event where id = ?")) {
            s.setObject(1, UUID.fromString(eventId));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).toInstant() : null;
            }
        }
    }

    private static double counter(String name) {
        String metrics = given().get("/q/metrics").asString();
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
