package dev.surety.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.surety.ingest.messaging.IngestTopology;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;

/**
 * POST /v1/metrics against the real broker (SuretyTestInfra is declared on MeasurementIngestTest for
 * every test class, so this shares its Quarkus boot).
 */
@QuarkusTest
class HttpIngestTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    KafkaStreams streams;

    @Test
    void validBatchIsAcknowledgedPublishedWithHeadersAndRoutedToTheTenantsAgreement() {
        String run = run();
        String service = "web-" + run;
        String agreementId = "agr-" + run;
        publishAgreement(agreement(agreementId, "acme", service));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        String body = "[" + sample("h-" + run + "-1", service, t, 95, 100) + ","
                + sample("h-" + run + "-2", service, t.plusSeconds(1), 100, 100) + "]";

        String id = given().auth().oauth2(token("agent-7", "acme", "agent")).contentType("application/json").body(body)
                .when().post("/v1/metrics")
                .then().statusCode(202).body("accepted", equalTo(2)).body("id", notNullValue())
                .extract().path("id");

        String rawKey = "acme/" + service;
        String measurementKey = Measurement.key(agreementId, "avail");
        List<ConsumerRecord<String, byte[]>> raw = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> measurements = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topic.METRICS_RAW.topicName(), Topic.MEASUREMENTS.topicName()));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(Topic.METRICS_RAW.topicName()) && rawKey.equals(r.key())) {
                        raw.add(r);
                    } else if (r.topic().equals(Topic.MEASUREMENTS.topicName()) && measurementKey.equals(r.key())) {
                        measurements.add(r);
                    }
                }
                return !raw.isEmpty() && measurements.size() >= 2;
            });
        }
        assertEquals(1, raw.size(), "one record per request");
        ConsumerRecord<String, byte[]> r = raw.get(0);
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), r.value(), "the request body, unchanged");
        assertEquals(EventType.RAW_METRIC.ceType(), CloudEvents.header(r.headers(), CloudEvents.H_TYPE));
        assertEquals(id, CloudEvents.header(r.headers(), CloudEvents.H_ID));
        assertEquals("/agents/agent-7", CloudEvents.header(r.headers(), CloudEvents.H_SOURCE));
        assertEquals("acme", CloudEvents.header(r.headers(), IngestTopology.H_TENANT));
        Measurement first = EventCodec.decode(measurements.get(0).value(), Measurement.class);
        assertEquals("acme", first.tenant());
        assertEquals(95, first.good());
        assertEquals("h-" + run + "-1", first.rawId());

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("surety_metrics_http_accepted_total"))
                .body(containsString("surety_metrics_http_rejected_total{reason=\"invalid\"}"));
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/metrics'.post.security[0]", notNullValue())
                .body("paths.'/v1/metrics'.post.requestBody.content.'application/json'.examples.batch", notNullValue())
                .body("paths.'/v1/metrics'.post.responses.'503'.headers.Retry-After", notNullValue());
    }

    @Test
    void batchWithOneBadItemIsRefusedNamingItAndNothingIsPublished() {
        String run = run();
        String service = "bad-" + run;
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        String body = "[" + sample("b-1", service, t, 1, 1) + "," + sample("b-2", service, t, 1, 1) + ","
                + sample("b-3", service, t, 5, 3) + "]";
        given().auth().oauth2(token("agent-1", "acme", "agent")).contentType("application/json").body(body)
                .when().post("/v1/metrics")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", equalTo(List.of("[2].total")))
                .body("errors[0].message", equalTo("must be >= good"));
        given().auth().oauth2(token("agent-1", "acme", "agent")).contentType("application/json").body("{\"service\":")
                .when().post("/v1/metrics")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("$"));

        // A marker published after the refused request: once it is seen, the refused batch would have been too.
        String marker = "marker-" + run;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topic.METRICS_RAW.topicName(), marker, new byte[] {'{', '}'})).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topic.METRICS_RAW.topicName()));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(rec -> keys.add(rec.key()));
                return keys.contains(marker);
            });
        }
        assertTrue(keys.stream().noneMatch(k -> k != null && k.endsWith("/" + service)), keys.toString());
    }

    @Test
    void onlyAgentsMayPublish() {
        String body = sample("x", "svc", Instant.now().minusSeconds(5), 1, 1);
        given().contentType("application/json").body(body).when().post("/v1/metrics").then().statusCode(401);
        given().auth().oauth2(token("alice", "acme", "customer")).contentType("application/json").body(body)
                .when().post("/v1/metrics").then().statusCode(403);
        given().auth().oauth2(token("ops-1", "acme", "ops")).contentType("application/json").body(body)
                .when().post("/v1/metrics").then().statusCode(403);
    }

    @Test
    void oversizedBodyIs413() {
        StringBuilder sb = new StringBuilder("[");
        String one = sample("big", "svc", Instant.now().minusSeconds(5), 1, 1);
        while (sb.length() <= 1024 * 1024) {
            sb.append(one).append(',');
        }
        sb.append(one).append(']');
        given().auth().oauth2(token("agent-1", "acme", "agent")).contentType("application/json").body(sb.toString())
                .when().post("/v1/metrics")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void agentOfAnotherTenantCannotFeedAnAgreementItIsDeadLetteredAsTenantMismatch() {
        String run = run();
        String service = "shop-" + run;
        String agreementId = "agr-a-" + run;
        publishAgreement(agreement(agreementId, "tenant-a", service));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        String body = sample("m-" + run, service, t, 10, 10);

        given().auth().oauth2(token("agent-b", "tenant-b", "agent")).contentType("application/json").body(body)
                .when().post("/v1/metrics").then().statusCode(202);

        String rawKey = "tenant-b/" + service;
        String measurementKey = Measurement.key(agreementId, "avail");
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> measurements = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topic.METRICS_DLQ.topicName(), Topic.MEASUREMENTS.topicName()));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(Topic.METRICS_DLQ.topicName()) && rawKey.equals(r.key())) {
                        dead.add(r);
                    } else if (measurementKey.equals(r.key())) {
                        measurements.add(r);
                    }
                }
                return !dead.isEmpty();
            });
            // The DLQ copy and any measurement of the same record are one transaction: seen together or not at all.
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (measurementKey.equals(r.key())) {
                    measurements.add(r);
                }
            });
        }
        assertEquals(List.of(), measurements);
        ConsumerRecord<String, byte[]> d = dead.get(0);
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), d.value());
        assertEquals("tenant-mismatch", CloudEvents.header(d.headers(), IngestTopology.H_DLQ_CATEGORY));
        String reason = CloudEvents.header(d.headers(), IngestTopology.H_DLQ_REASON);
        assertTrue(reason.contains("tenant mismatch") && reason.contains("'tenant-b'") && reason.contains("'tenant-a'"),
                reason);
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String token(String subject, String tenant, String role) {
        return SuretyTestInfra.tokens().mint(subject, tenant, role);
    }

    private static String sample(String id, String service, Instant t, long good, long total) {
        return "{\"id\":\"" + id + "\",\"source\":\"agent\",\"service\":\"" + service
                + "\",\"metric\":\"http_requests\",\"timestamp\":\"" + t + "\",\"good\":" + good + ",\"total\":" + total + "}";
    }

    private static AgreementSnapshot agreement(String agreementId, String tenant, String service) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new AgreementSnapshot(agreementId, 1, tenant, "SLA " + service, "provider", service,
                AgreementStatus.ACTIVE, now.minus(Duration.ofDays(1)), null, "UTC",
                List.of(new ObjectiveSpec("avail", "Availability", SliKind.RATIO,
                        new MetricSelector(null, service, "http_requests", Map.of()),
                        new BigDecimal("99.9"), ObjectiveSpec.CALENDAR_MONTH, Duration.ofMinutes(5),
                        new BigDecimal("99"), Duration.ofMinutes(10))),
                null, now);
    }

    private void publishAgreement(AgreementSnapshot a) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            ProducerRecord<String, byte[]> rec = new ProducerRecord<>(Topic.AGREEMENTS.topicName(),
                    a.agreementId(), EventCodec.encode(a));
            CloudEvents.write(rec.headers(), EventType.AGREEMENT_SNAPSHOT, UUID.randomUUID().toString(),
                    "/surety/agreement-service", Instant.now(), a.agreementId());
            producer.send(rec).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await().atMost(PATIENCE).ignoreExceptions().until(() -> streams.store(StoreQueryParameters.fromNameAndType(
                IngestTopology.AGREEMENT_STORE, QueryableStoreTypes.<String, AgreementSnapshot>keyValueStore()))
                .get(a.agreementId()) != null);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return SuretyTestInfra.producer();
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return SuretyTestInfra.readCommittedConsumer("measurement-ingest-http-test");
    }
}
