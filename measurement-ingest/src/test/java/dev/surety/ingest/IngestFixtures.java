package dev.surety.ingest;

import static org.awaitility.Awaitility.await;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.Comparison;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Exclusions;
import dev.surety.events.Measurement;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import dev.surety.events.Topic;
import dev.surety.ingest.messaging.IngestTopology;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/** Agreements published to the shared test broker and measurements read back, for the HTTP and real-agent tests. */
final class IngestFixtures {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private IngestFixtures() {
    }

    static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Publishes an ACTIVE agreement of tenant acme, in force since yesterday, with one THRESHOLD
     * objective "obj" on {@code service}/{@code metric}, and waits until ingest's agreement store has it.
     */
    static String publishThresholdAgreement(KafkaStreams streams, String service, String metric, Comparison cmp,
            String bound) {
        String id = "agr-" + service;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AgreementSnapshot a = new AgreementSnapshot(id, 1, "acme", "SLA", null, "provider", null, service,
                AgreementStatus.ACTIVE, now.minus(Duration.ofDays(1)), null, "UTC",
                List.of(new ObjectiveSpec("obj", "obj", null, SliKind.THRESHOLD,
                        new MetricSelector(null, service, metric, Map.of()), cmp, new BigDecimal(bound), null, null,
                        new BigDecimal("99"), ObjectiveSpec.CALENDAR_MONTH, Duration.ofMinutes(5),
                        new BigDecimal("95"), null, List.of(), null, null)),
                Exclusions.NONE, null, null, null, now.minus(Duration.ofDays(1)), "alice");
        try (KafkaProducer<String, byte[]> producer = SuretyTestInfra.producer()) {
            ProducerRecord<String, byte[]> rec = new ProducerRecord<>(Topic.AGREEMENTS.topicName(), id,
                    EventCodec.encode(a));
            CloudEvents.write(rec.headers(), EventType.AGREEMENT_SNAPSHOT, UUID.randomUUID().toString(),
                    "/surety/agreement-service", Instant.now(), id);
            producer.send(rec).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await().atMost(PATIENCE).ignoreExceptions().until(() -> streams.store(StoreQueryParameters.fromNameAndType(
                IngestTopology.AGREEMENT_STORE, QueryableStoreTypes.keyValueStore())).get(id) != null);
        return id;
    }

    /**
     * Reads the raw and measurements topics until at least {@code count} measurements of the
     * agreement's objective "obj" arrived; raw records {@code rawWanted} accepts are collected too.
     */
    static List<Measurement> awaitMeasurements(String agreementId, int count,
            Predicate<ConsumerRecord<String, byte[]>> rawWanted, List<ConsumerRecord<String, byte[]>> raw) {
        String key = Measurement.key(agreementId, "obj");
        List<Measurement> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = SuretyTestInfra.readCommittedConsumer("ingest-fixture-" + run())) {
            consumer.subscribe(List.of(Topic.METRICS_RAW.topicName(), Topic.MEASUREMENTS.topicName()));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(Topic.METRICS_RAW.topicName()) && rawWanted.test(r)) {
                        raw.add(r);
                    } else if (r.topic().equals(Topic.MEASUREMENTS.topicName()) && key.equals(r.key())) {
                        out.add(EventCodec.decode(r.value(), Measurement.class));
                    }
                }
                return out.size() >= count;
            });
        }
        return out;
    }
}
