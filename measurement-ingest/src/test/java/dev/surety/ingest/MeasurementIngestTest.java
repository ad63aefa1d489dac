package dev.surety.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
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
import dev.surety.events.RawMetric;
import dev.surety.events.SliKind;
import dev.surety.events.Topic;
import dev.surety.ingest.messaging.IngestTopology;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
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
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/** The packaged behaviour against a real broker: agreements and raw metrics in, measurements and dead letters out. */
@QuarkusTest
@QuarkusTestResource(value = SuretyTestInfra.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "postgres", value = "false"))
class MeasurementIngestTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    KafkaStreams streams;

    @Test
    void rawMetricsBecomeMeasurementsAndMalformedRecordsAreDeadLettered() throws Exception {
        // Unique names, so other tests sharing the broker cannot interfere.
        String run = UUID.randomUUID().toString().substring(0, 8);
        String agreementId = "agr-" + run;
        String service = "checkout-" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant t1 = now.minusSeconds(120);
        Instant t2 = now.minusSeconds(60);

        AgreementSnapshot agreement = new AgreementSnapshot(agreementId, 4, "acme", "Checkout SLA", "provider",
                service, AgreementStatus.ACTIVE, now.minus(Duration.ofDays(1)), null, "UTC",
                List.of(new ObjectiveSpec("avail", "Availability", SliKind.RATIO,
                        new MetricSelector(null, service, "http_requests", Map.of()),
                        new BigDecimal("99.9"), ObjectiveSpec.CALENDAR_MONTH, Duration.ofMinutes(5),
                        new BigDecimal("99"), Duration.ofMinutes(10))),
                null, now);
        byte[] malformed = ("{\"service\":\"" + service + "\",").getBytes(StandardCharsets.UTF_8);

        try (KafkaProducer<String, byte[]> producer = producer()) {
            ProducerRecord<String, byte[]> snapshot = new ProducerRecord<>(Topic.AGREEMENTS.topicName(),
                    agreementId, EventCodec.encode(agreement));
            CloudEvents.write(snapshot.headers(), EventType.AGREEMENT_SNAPSHOT, UUID.randomUUID().toString(),
                    "/surety/agreement-service", now, agreementId);
            producer.send(snapshot).get();

            // The global store is fed asynchronously; samples sent before it holds the agreement would be unmatched.
            await().atMost(PATIENCE).ignoreExceptions().until(() -> agreementStore().get(agreementId) != null);

            List<RawMetric> batch = List.of(
                    new RawMetric("raw-" + run + "-1", "agent-1", service, "http_requests", Map.of(), t1, null, 990L, 1000L),
                    new RawMetric("raw-" + run + "-2", "agent-1", service, "http_requests", Map.of(), t2, null, 1000L, 1000L));
            ProducerRecord<String, byte[]> rawRecord = new ProducerRecord<>(Topic.METRICS_RAW.topicName(),
                    service, EventCodec.encode(batch));
            CloudEvents.write(rawRecord.headers(), EventType.RAW_METRIC, "batch-" + run, "/agents/1", now, null);
            producer.send(rawRecord).get();
            producer.send(new ProducerRecord<>(Topic.METRICS_RAW.topicName(), "bad-" + run, malformed)).get();
        }

        String key = Measurement.key(agreementId, "avail");
        List<ConsumerRecord<String, byte[]>> measurements = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topic.MEASUREMENTS.topicName(), Topic.METRICS_DLQ.topicName()));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(Topic.MEASUREMENTS.topicName()) && key.equals(r.key())) {
                        measurements.add(r);
                    } else if (r.topic().equals(Topic.METRICS_DLQ.topicName()) && ("bad-" + run).equals(r.key())) {
                        deadLetters.add(r);
                    }
                }
                return measurements.size() >= 2 && !deadLetters.isEmpty();
            });
        }

        assertEquals(2, measurements.size());
        Measurement first = EventCodec.decode(measurements.get(0).value(), Measurement.class);
        Measurement second = EventCodec.decode(measurements.get(1).value(), Measurement.class);
        assertEquals(List.of(t1, t2), List.of(first.timestamp(), second.timestamp()));
        assertEquals(List.of(t1.toEpochMilli(), t2.toEpochMilli()),
                List.of(measurements.get(0).timestamp(), measurements.get(1).timestamp()), "event time is kept");
        assertEquals(4, first.agreementVersion());
        assertEquals("acme", first.tenant());
        assertEquals(990, first.good());
        assertEquals(1000, first.total());
        assertEquals("raw-" + run + "-1", first.rawId());
        assertEquals(EventType.MEASUREMENT.ceType(), CloudEvents.header(measurements.get(0).headers(), CloudEvents.H_TYPE));
        assertEquals(first.id(), CloudEvents.header(measurements.get(0).headers(), CloudEvents.H_ID));
        assertEquals(key, CloudEvents.header(measurements.get(0).headers(), CloudEvents.H_SUBJECT));

        ConsumerRecord<String, byte[]> dead = deadLetters.get(0);
        assertArrayEquals(malformed, dead.value());
        String reason = CloudEvents.header(dead.headers(), IngestTopology.H_DLQ_REASON);
        assertTrue(reason.startsWith("not valid JSON"), reason);
        assertTrue(CloudEvents.header(dead.headers(), IngestTopology.H_DLQ_SOURCE)
                .matches(java.util.regex.Pattern.quote(Topic.METRICS_RAW.topicName()) + "/\\d+@\\d+"));

        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka Streams topics health check", "Kafka Streams processing"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("surety_measurements_produced_total"))
                .body(containsString("surety_metrics_received_total"))
                .body(containsString("surety_metrics_deadlettered_total{reason=\"unparseable\"}"))
                .body(containsString("surety_metrics_unmatched_total"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }

    private ReadOnlyKeyValueStore<String, AgreementSnapshot> agreementStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(IngestTopology.AGREEMENT_STORE,
                QueryableStoreTypes.keyValueStore()));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return SuretyTestInfra.producer();
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return SuretyTestInfra.readCommittedConsumer("measurement-ingest-test");
    }
}
