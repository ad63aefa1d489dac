package dev.surety.detector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachOpened;
import dev.surety.events.CloudEvents;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import dev.surety.events.Topic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The packaged topology against a real broker: an agreement and measurements go in through plain
 * Kafka clients; a breach and a FINAL compliance record come out, and the status endpoint serves
 * the live state to authorized callers only.
 */
@QuarkusTest
@QuarkusTestResource(value = SuretyTestInfra.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "postgres", value = "false"))
@QuarkusTestResource(value = StateDirResource.class, restrictToAnnotatedClass = false)
class BreachDetectorTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void detectsABreachFinalizesThePeriodAndServesTheStatus() {
        await().atMost(PATIENCE).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.name", hasItem("breach-detector-streams")));

        String agreementId = "agr-" + UUID.randomUUID();
        String key = Measurement.key(agreementId, "availability");
        // Period [from, from + 10 s) becomes final 5 s (grace) after it ends, by wall clock.
        Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5);
        AgreementSnapshot agreement = new AgreementSnapshot(agreementId, 1, "acme", "Checkout SLA", "provider",
                "checkout", AgreementStatus.ACTIVE, from, null, "UTC",
                List.of(new ObjectiveSpec("availability", "Availability", SliKind.RATIO,
                        new MetricSelector(null, "checkout", "http_requests", Map.of()), new BigDecimal("99.9"),
                        "PT10S", Duration.ofSeconds(5), new BigDecimal("99"), Duration.ZERO)),
                null, from);
        String admin = SuretyTestInfra.tokens().mint("ada", null, "provider-admin");

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, Topic.AGREEMENTS, agreementId, EventType.AGREEMENT_SNAPSHOT, agreementId + "/1", from,
                    EventCodec.encode(agreement));
            // Measurements are judged against the agreement in the global store: wait until it is there.
            await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(admin)
                    .get("/v1/status/{id}", agreementId).then().statusCode(200));

            send(producer, Topic.MEASUREMENTS, key, EventType.MEASUREMENT, "m-1", from.plusSeconds(1),
                    EventCodec.encode(measurement("m-1", agreementId, from.plusSeconds(1), 100, 100)));
            send(producer, Topic.MEASUREMENTS, key, EventType.MEASUREMENT, "m-2", from.plusSeconds(2),
                    EventCodec.encode(measurement("m-2", agreementId, from.plusSeconds(2), 0, 100)));
        }

        ConsumerRecord<String, byte[]> openedRecord = awaitRecord(Topic.BREACHES, key);
        assertEquals(EventType.BREACH_OPENED, CloudEvents.type(openedRecord.headers()));
        BreachOpened opened = EventCodec.decode(openedRecord.value(), BreachOpened.class);
        assertEquals(from.plusSeconds(2), opened.openedAt());
        assertEquals(new BigDecimal("50.000000"), opened.sli());
        assertEquals(UUID.nameUUIDFromBytes((key + "|" + from.plusSeconds(2)).getBytes(StandardCharsets.UTF_8))
                .toString(), opened.breachId());

        given().auth().oauth2(admin).get("/v1/status/{id}", agreementId).then()
                .statusCode(200)
                .body("agreementId", equalTo(agreementId))
                .body("tenant", equalTo("acme"))
                .body("objectives", hasSize(1))
                .body("objectives[0].window.good", equalTo(100))
                .body("objectives[0].window.total", equalTo(200))
                .body("objectives[0].window.sli", equalTo(50.0f))
                .body("objectives[0].breaching", equalTo(true))
                .body("objectives[0].openBreaches", hasSize(1))
                .body("objectives[0].openBreaches[0].breachId", equalTo(opened.breachId()))
                .body("objectives[0].openBreaches[0].kind", equalTo("THRESHOLD"))
                .body("objectives[0].openBreaches[0].since", equalTo(from.plusSeconds(2).toString()));
        // The single-objective view shows the same state.
        given().auth().oauth2(admin).get("/v1/status/{id}/objectives/{o}", agreementId, "availability").then()
                .statusCode(200)
                .body("objectiveId", equalTo("availability"))
                .body("window.total", equalTo(200))
                .body("openBreaches[0].breachId", equalTo(opened.breachId()));
        given().auth().oauth2(admin).get("/v1/status/{id}/objectives/{o}", agreementId, "latency").then()
                .statusCode(404).contentType(containsString("application/problem+json"));

        // PROVISIONAL records may come first, at the objective's second of each minute; the FINAL one follows the
        // period's end plus grace.
        ConsumerRecord<String, byte[]> finalRecord = awaitRecord(Topic.COMPLIANCE, key,
                r -> EventCodec.decode(r.value(), ComplianceRecord.class).status() == ComplianceStatus.FINAL);
        assertEquals(EventType.COMPLIANCE, CloudEvents.type(finalRecord.headers()));
        ComplianceRecord compliance = EventCodec.decode(finalRecord.value(), ComplianceRecord.class);
        assertEquals(ComplianceStatus.FINAL, compliance.status());
        assertEquals(from, compliance.periodStart());
        assertEquals(from.plusSeconds(10), compliance.periodEnd());
        assertEquals(100, compliance.good());
        assertEquals(200, compliance.total());
        assertEquals(new BigDecimal("50.000000"), compliance.attainment());
        assertFalse(compliance.met());
        assertEquals("acme", compliance.tenant());
        assertEquals(compliance.id(), CloudEvents.header(finalRecord.headers(), CloudEvents.H_ID));

        // Tenant scoping and authentication.
        given().auth().oauth2(SuretyTestInfra.tokens().mint("carol", "acme", "customer"))
                .get("/v1/status/{id}", agreementId).then().statusCode(200).body("agreementId", equalTo(agreementId));
        given().auth().oauth2(SuretyTestInfra.tokens().mint("eve", "globex", "customer"))
                .get("/v1/status/{id}", agreementId).then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(404));
        given().get("/v1/status/{id}", agreementId).then().statusCode(401);
        given().auth().oauth2(SuretyTestInfra.tokens().mint("bot", "acme", "agent"))
                .get("/v1/status/{id}", agreementId).then().statusCode(403);
        given().auth().oauth2(admin).get("/v1/status/{id}", "no-such-agreement").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("title", equalTo("Not Found"));
        given().auth().oauth2(admin).get("/v1/status/{id}", "x".repeat(129)).then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("agreementId"));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("surety_breaches_opened_total"))
                .body(containsString("surety_compliance_finalized_total"))
                .body(containsString("surety_measurements_processed_total"));
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/status/{agreementId}"))
                .body(containsString("scheme: bearer"));
    }

    private static Measurement measurement(String id, String agreementId, Instant at, long good, long total) {
        return new Measurement(id, "raw-" + id, agreementId, 1, "availability", "acme", at, good, total);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, Topic topic, String key, EventType type,
                             String id, Instant time, byte[] value) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic.topicName(), null, time.toEpochMilli(), key, value);
        CloudEvents.write(r.headers(), type, id, "/surety/test", time, key);
        try {
            producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic.topicName(), e);
        }
    }

    /** Reads the topic from the start (committed records only) until a record with this key arrives. */
    private static ConsumerRecord<String, byte[]> awaitRecord(Topic topic, String key) {
        return awaitRecord(topic, key, r -> true);
    }

    /** The first record on {@code topic} with {@code key} that {@code wanted} accepts. */
    private static ConsumerRecord<String, byte[]> awaitRecord(Topic topic, String key,
            Predicate<ConsumerRecord<String, byte[]>> wanted) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic.topicName())
                    .forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            AtomicReference<ConsumerRecord<String, byte[]>> found = new AtomicReference<>();
            Predicate<ConsumerRecord<String, byte[]>> match = r -> key.equals(r.key()) && wanted.test(r);
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (found.get() == null && match.test(r)) {
                        found.set(r);
                    }
                }
                return found.get() != null;
            });
            return found.get();
        }
    }
}
