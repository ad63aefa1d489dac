package dev.surety.detector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import dev.surety.events.Topic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The period history endpoint of the packaged service against a real broker: the shape the portal
 * reads, buckets that sum to the status's current period, the open breach, the previous period,
 * and the same roles and tenant rules as the status.
 */
@QuarkusTest
class HistoryEndpointTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void servesTheCurrentPeriodHourByHourToAuthorizedCallersOnly() {
        String agreementId = "agr-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Two-hour periods from 30 minutes ago: the measurements fall into the first hour of the current one.
        Instant from = now.minus(Duration.ofMinutes(30));
        MetricSelector selector = new MetricSelector(null, "checkout", "http_requests", Map.of());
        AgreementSnapshot agreement = new AgreementSnapshot(agreementId, 1, "acme", "Checkout SLA", "provider",
                "checkout", AgreementStatus.ACTIVE, from, null, "UTC",
                List.of(new ObjectiveSpec("availability", "Availability", SliKind.RATIO, selector,
                                new BigDecimal("99.9"), "PT2H", Duration.ofMinutes(5), new BigDecimal("99"), Duration.ZERO),
                        new ObjectiveSpec("errors", "Errors", SliKind.RATIO, selector,
                                new BigDecimal("99.9"), "PT2H", Duration.ofMinutes(5), new BigDecimal("99"), Duration.ZERO)),
                null, from);
        String admin = SuretyTestInfra.tokens().mint("ada", null, "provider-admin");
        String key = Measurement.key(agreementId, "availability");

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, Topic.AGREEMENTS, agreementId, EventType.AGREEMENT_SNAPSHOT, agreementId + "/1", from,
                    EventCodec.encode(agreement));
            await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(admin)
                    .get("/v1/status/{id}/history", agreementId).then().statusCode(200));
            Instant t1 = now.minusSeconds(3);
            Instant t2 = now.minusSeconds(2);
            send(producer, Topic.MEASUREMENTS, key, EventType.MEASUREMENT, "h-1-" + agreementId, t1,
                    EventCodec.encode(measurement("h-1-" + agreementId, agreementId, t1, 100, 100)));
            send(producer, Topic.MEASUREMENTS, key, EventType.MEASUREMENT, "h-2-" + agreementId, t2,
                    EventCodec.encode(measurement("h-2-" + agreementId, agreementId, t2, 50, 100)));
        }
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/v1/status/{id}/history", agreementId).then().statusCode(200)
                .body("objectives[0].buckets", hasSize(1))
                .body("objectives[0].buckets[0].valid", equalTo(200))
                .body("objectives[0].breaches", hasSize(1)));

        JsonPath history = given().auth().oauth2(admin).get("/v1/status/{id}/history", agreementId).then()
                .statusCode(200)
                .contentType(containsString("application/json"))
                .body("agreementId", equalTo(agreementId))
                .body("asOf", notNullValue())
                .body("objectives", hasSize(2))
                .body("objectives[0].objectiveId", equalTo("availability"))
                .body("objectives[0].periodStart", equalTo(from.toString()))
                .body("objectives[0].periodEnd", equalTo(from.plus(Duration.ofHours(2)).toString()))
                .body("objectives[0].timeZone", equalTo("UTC"))
                .body("objectives[0].unit", equalTo("events"))
                .body("objectives[0].buckets[0].start", equalTo(from.toString()))
                .body("objectives[0].buckets[0].end", equalTo(from.plus(Duration.ofHours(1)).toString()))
                .body("objectives[0].buckets[0].good", equalTo(150))
                .body("objectives[0].buckets[0].valid", equalTo(200))
                .body("objectives[0].buckets[0].excludedMinutes", equalTo(0))
                .body("objectives[0].breaches[0].breachId", notNullValue())
                .body("objectives[0].breaches[0].kind", equalTo("THRESHOLD"))
                .body("objectives[0].breaches[0].rule", nullValue())
                .body("objectives[0].breaches[0].severity", nullValue())
                .body("objectives[0].breaches[0].openedAt", equalTo(now.minusSeconds(2).toString()))
                .body("objectives[0].breaches[0].resolvedAt", nullValue())
                .body("objectives[0].breaches[0].reason", nullValue())
                .body("objectives[0].noData", hasSize(0))
                .body("objectives[0].excludedMinutes", equalTo(0))
                .body("objectives[1].objectiveId", equalTo("errors"))
                .body("objectives[1].buckets", hasSize(0))
                .body("objectives[1].breaches", hasSize(0))
                .extract().jsonPath();

        // The hours sum to what the status counts for the same period.
        JsonPath status = given().auth().oauth2(admin).get("/v1/status/{id}", agreementId).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(status.getString("objectives[0].currentPeriod.start"), history.getString("objectives[0].periodStart"));
        assertEquals(status.getLong("objectives[0].currentPeriod.good"), history.getLong("objectives[0].buckets[0].good"));
        assertEquals(status.getLong("objectives[0].currentPeriod.total"), history.getLong("objectives[0].buckets[0].valid"));
        assertEquals(status.getString("objectives[0].openBreaches[0].breachId"),
                history.getString("objectives[0].breaches[0].breachId"));

        // One objective, as detector instances ask each other for it.
        given().auth().oauth2(admin).get("/v1/status/{id}/objectives/{o}/history", agreementId, "availability").then()
                .statusCode(200)
                .body("objectiveId", equalTo("availability"))
                .body("buckets[0].valid", equalTo(200));
        given().auth().oauth2(admin).get("/v1/status/{id}/objectives/{o}/history", agreementId, "latency").then()
                .statusCode(404).contentType(containsString("application/problem+json"));

        // The period before: nothing was measured then.
        given().auth().oauth2(admin).queryParam("period", "previous").get("/v1/status/{id}/history", agreementId).then()
                .statusCode(200)
                .body("objectives[0].periodStart", equalTo(from.minus(Duration.ofHours(2)).toString()))
                .body("objectives[0].periodEnd", equalTo(from.toString()))
                .body("objectives[0].buckets", hasSize(0))
                .body("objectives[0].breaches", hasSize(0));
        given().auth().oauth2(admin).queryParam("period", "last-year").get("/v1/status/{id}/history", agreementId)
                .then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("period"));

        // The status's roles and tenant rules.
        given().auth().oauth2(SuretyTestInfra.tokens().mint("carol", "acme", "customer"))
                .get("/v1/status/{id}/history", agreementId).then().statusCode(200)
                .body("objectives[0].buckets[0].good", equalTo(150));
        for (String role : List.of("ops", "billing")) {
            given().auth().oauth2(SuretyTestInfra.tokens().mint("staff", null, role))
                    .get("/v1/status/{id}/history", agreementId).then().statusCode(200);
        }
        given().auth().oauth2(SuretyTestInfra.tokens().mint("eve", "globex", "customer"))
                .get("/v1/status/{id}/history", agreementId).then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(404));
        given().auth().oauth2(SuretyTestInfra.tokens().mint("eve", "globex", "customer"))
                .get("/v1/status/{id}/objectives/{o}/history", agreementId, "availability").then().statusCode(404);
        given().get("/v1/status/{id}/history", agreementId).then().statusCode(401);
        given().auth().oauth2(SuretyTestInfra.tokens().mint("bot", "acme", "agent"))
                .get("/v1/status/{id}/history", agreementId).then().statusCode(403);
        given().auth().oauth2(admin).get("/v1/status/{id}/history", "no-such-agreement").then().statusCode(404)
                .contentType(containsString("application/problem+json"));

        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/status/{agreementId}/history"))
                .body(containsString("/v1/status/{agreementId}/objectives/{objectiveId}/history"))
                .body(containsString("excludedMinutes"));
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
}
