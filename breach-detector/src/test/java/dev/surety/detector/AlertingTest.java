package dev.surety.detector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.detector.alerting.RecordingServer;
import dev.surety.detector.alerting.WebhookSigner;
import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachOpened;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import dev.surety.events.Topic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Ops are told, through the real path: measurements make the detector open and resolve a breach,
 * the alerting consumer reads them from the breaches topic and a real Alertmanager shows the alert
 * active, kept alive by re-sends, then resolved; the tenant's signed webhook gets both events and
 * another tenant's webhook nothing. A failing webhook holds the consumer's committed offset back
 * until it finally accepts the event.
 */
@QuarkusTest
@QuarkusTestResource(value = AlertTargetsResource.class, restrictToAnnotatedClass = false)
class AlertingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ALERTS_GROUP = "surety-breach-detector-alerts";

    @Test
    void breachFiresInAlertmanagerStaysActiveAndResolves() {
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        String agreementId = "agr-alert-" + UUID.randomUUID();
        String key = Measurement.key(agreementId, "availability");
        Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        AgreementSnapshot agreement = new AgreementSnapshot(agreementId, 1, "acme", "Checkout SLA", "provider",
                "checkout", AgreementStatus.ACTIVE, from, null, "UTC",
                List.of(new ObjectiveSpec("availability", "Availability", SliKind.RATIO,
                        new MetricSelector(null, "checkout", "http_requests", Map.of()), new BigDecimal("99.9"),
                        "P1D", Duration.ofMinutes(1), new BigDecimal("99"), Duration.ZERO)),
                null, from);
        String admin = SuretyTestInfra.tokens().mint("ada", null, "provider-admin");

        try (KafkaProducer<String, byte[]> producer = SuretyTestInfra.producer()) {
            send(producer, Topic.AGREEMENTS, agreementId, EventType.AGREEMENT_SNAPSHOT, agreementId + "/1", from,
                    EventCodec.encode(agreement));
            await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(admin)
                    .get("/v1/status/{id}", agreementId).then().statusCode(200));
            sendMeasurement(producer, agreementId, "m-1", from.plusSeconds(1), 100, 100);
            sendMeasurement(producer, agreementId, "m-2", from.plusSeconds(2), 0, 100);

            // Alertmanager shows the breach as an active alert with the documented labels.
            // "unprocessed" until Alertmanager's dispatcher has seen it, then "active".
            JsonPath firing = await().atMost(PATIENCE).until(() -> alerts(agreementId),
                    a -> a.getList("$").size() == 1 && "active".equals(a.getString("[0].status.state")));
            Map<String, String> labels = firing.getMap("[0].labels");
            assertEquals(Map.of("alertname", "SuretyBreach", "tenant", "acme", "agreement", agreementId,
                    "agreement_name", "Checkout SLA", "objective", "availability", "severity", "critical",
                    "kind", "threshold", "rule", "threshold"), labels);
                String breachId = UUID.nameUUIDFromBytes((key + "|" + from.plusSeconds(2)).getBytes(StandardCharsets.UTF_8))
                    .toString();
            assertEquals(breachId, firing.getString("[0].annotations.breach_id"));
            // The opening or already a re-send (both state the figures): SLI 100 good of 200 vs threshold 99.
            assertEquals("50.000000", firing.getString("[0].annotations.sli"));
            assertEquals("99", firing.getString("[0].annotations.threshold"));
            assertTrue(firing.getString("[0].annotations.description").contains("SLI 50.000000"),
                    firing.getString("[0].annotations.description"));
            assertEquals(from.plusSeconds(2), Instant.parse(firing.getString("[0].startsAt")));
            assertTrue(firing.getString("[0].generatorURL").endsWith("/v1/status/" + agreementId));

            // Re-sends from the detector's state push endsAt forward while the breach is open.
            Instant endsAt = Instant.parse(firing.getString("[0].endsAt"));
            await().atMost(PATIENCE).until(() -> {
                JsonPath now = alerts(agreementId);
                return now.getList("$").size() == 1 && Instant.parse(now.getString("[0].endsAt")).isAfter(endsAt);
            });

            // Recovery resolves the breach; Alertmanager no longer lists the alert as active.
            sendMeasurement(producer, agreementId, "m-3", from.plusSeconds(3), 10_000, 10_000);
            await().atMost(PATIENCE).until(() -> alerts(agreementId).getList("$").isEmpty());
        }

        // The tenant's webhook got both events, signed with its secret; the other tenant's got nothing.
        RecordingServer hooks = AlertTargetsResource.webhooks();
        await().atMost(PATIENCE).until(() -> typesFor(hooks.accepted("/acme"), agreementId).size() == 2);
        assertEquals(List.of("dev.surety.breach.opened.v1", "dev.surety.breach.resolved.v1"),
                typesFor(hooks.accepted("/acme"), agreementId));
        for (RecordingServer.Received r : hooks.received("/acme")) {
            assertTrue(WebhookSigner.verify(AlertTargetsResource.ACME_SECRET, r.header(WebhookSigner.TIMESTAMP_HEADER),
                    r.body(), r.header(WebhookSigner.SIGNATURE_HEADER)));
        }
        assertEquals(List.of(), typesFor(hooks.received("/globex"), agreementId));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("surety_alert_delivered_total{target=\"alertmanager\",trigger=\"event\"}"))
                .body(containsString("surety_alert_delivered_total{target=\"alertmanager\",trigger=\"resend\"}"))
                .body(containsString("surety_alert_failed_total{reason=\"exhausted\",target=\"webhook\",trigger=\"event\"}"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("breach-detector-streams"))
                .body("status", equalTo("UP"));
    }

    @Test
    void offsetIsCommittedOnlyAfterTheWebhookAcceptedTheEvent() throws Exception {
        RecordingServer hooks = AlertTargetsResource.webhooks();
        String agreementId = "agr-retry-" + UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        BreachOpened opened = new BreachOpened("evt-" + UUID.randomUUID(), "breach-" + UUID.randomUUID(), agreementId,
                1, "availability", "globex", at, new BigDecimal("50.000000"), new BigDecimal("99"),
                Duration.ofMinutes(1));
        hooks.failNext(1_000, 503);
        int attemptsBefore = hooks.attempts();
        RecordMetadata written;
        try (KafkaProducer<String, byte[]> producer = SuretyTestInfra.producer()) {
            written = send(producer, Topic.BREACHES, Measurement.key(agreementId, "availability"),
                    EventType.BREACH_OPENED, opened.id(), at, EventCodec.encode(opened));
        }
        TopicPartition partition = new TopicPartition(written.topic(), written.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap()))) {
            // The receiver refuses; while it does, the event's offset is not committed.
            await().atMost(PATIENCE).until(() -> hooks.attempts() >= attemptsBefore + 2);
            assertTrue(committed(admin, partition) <= written.offset(), "committed before delivery");

            hooks.failNext(0, 503);
            await().atMost(PATIENCE).until(() -> hooks.accepted("/globex").stream()
                    .anyMatch(r -> opened.id().equals(r.header(WebhookSigner.EVENT_ID_HEADER))));
            await().atMost(PATIENCE).until(() -> committed(admin, partition) > written.offset());
        }
        long copies = hooks.received("/globex").stream()
                .filter(r -> opened.id().equals(r.header(WebhookSigner.EVENT_ID_HEADER))).count();
        assertTrue(copies >= 3, "every attempt carries the same event id, so the receiver can de-duplicate");
        given().get("/q/metrics").then().body(containsString("surety_alert_retried_total{target=\"webhook\"}"));
    }

    private static long committed(Admin admin, TopicPartition partition) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(ALERTS_GROUP)
                .partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata o = offsets.get(partition);
        return o == null ? -1 : o.offset();
    }

    private static List<String> typesFor(List<RecordingServer.Received> received, String agreementId) {
        return received.stream()
                .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains("\"agreementId\":\"" + agreementId + "\""))
                .map(r -> r.header("X-Surety-Event-Type"))
                .toList();
    }

    private static JsonPath alerts(String agreementId) {
        return given().queryParam("filter", "agreement=\"" + agreementId + "\"")
                .get(AlertTargetsResource.alertmanagerUrl() + "/api/v2/alerts")
                .then().statusCode(200).extract().jsonPath();
    }

    private static void sendMeasurement(KafkaProducer<String, byte[]> producer, String agreementId, String id,
                                        Instant at, long good, long total) {
        Measurement m = new Measurement(id + "-" + agreementId, "raw-" + id, agreementId, 1, "availability", "acme",
                at, good, total);
        send(producer, Topic.MEASUREMENTS, Measurement.key(agreementId, "availability"), EventType.MEASUREMENT, m.id(),
                at, EventCodec.encode(m));
    }

    private static RecordMetadata send(KafkaProducer<String, byte[]> producer, Topic topic, String key, EventType type,
                                       String id, Instant time, byte[] value) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic.topicName(), null, time.toEpochMilli(), key, value);
        CloudEvents.write(r.headers(), type, id, "/surety/test", time, key);
        try {
            return producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic.topicName(), e);
        }
    }
}
