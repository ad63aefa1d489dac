package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.AGREEMENT;
import static dev.surety.detector.streams.DetectorDriver.KEY;
import static dev.surety.detector.streams.DetectorDriver.OBJECTIVE;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Exclusions;
import dev.surety.events.Measurement;
import dev.surety.events.SliKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector paces its own commits (surety.detector.commit-interval) in a real exactly-once Kafka Streams
 * application on the test broker, whose own commit interval is set to five minutes, longer than the test: the
 * offsets of healthy measurements are committed although no breach asks for it and the stream thread goes idle right
 * after them, and a breach then reaches a read_committed reader, once.
 */
class CommitPacingTest {

    /** Kafka Streams' own interval: no regular commit happens while the test runs. */
    private static final long KAFKA_STREAMS_INTERVAL_MS = Duration.ofMinutes(5).toMillis();

    @TempDir
    Path stateDir;

    private final String run = UUID.randomUUID().toString();
    private final String measurements = "pacing-measurements-" + run;
    private final String agreements = "pacing-agreements-" + run;
    private final String breaches = "pacing-breaches-" + run;
    private final String compliance = "pacing-compliance-" + run;
    private final String app = "pacing-" + run;

    @Test
    void workIsCommittedEveryDetectorIntervalThoughKafkaStreamsWouldWaitFiveMinutes() throws Exception {
        String bootstrap = SuretyTestInfra.kafkaBootstrap();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<String, byte[]> producer = BrokerClients.producer(bootstrap, new ByteArraySerializer());
             KafkaConsumer<String, byte[]> reader = BrokerClients.readCommitted(bootstrap, "pacing-reader-",
                     new ByteArrayDeserializer())) {
            admin.createTopics(List.of(new NewTopic(measurements, 1, (short) 1), new NewTopic(agreements, 1, (short) 1),
                    new NewTopic(breaches, 1, (short) 1), new NewTopic(compliance, 1, (short) 1))).all().get();
            producer.send(new ProducerRecord<>(agreements, AGREEMENT, EventCodec.encode(agreement(1,
                    AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE, spec(SliKind.RATIO, null, null, null, null,
                            "99", "PT1H", Duration.ofSeconds(60), "90", null, List.of(), null,
                            Duration.ofHours(1)))))).get();
            reader.subscribe(List.of(breaches));

            KafkaStreams streams = start(bootstrap);
            try {
                // Healthy measurements, then nothing: only the pacing (no breach asks, no regular commit comes)
                // commits the offsets of the last of them.
                Instant now = Instant.now();
                for (int i = 0; i < 5; i++) {
                    send(producer, now.plusMillis(i), 100, 100);
                }
                awaitCommitted(admin, 5);

                send(producer, now.plusMillis(10), 0, 100);
                List<EventType> seen = new ArrayList<>();
                Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
                    for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                        seen.add(CloudEvents.type(r.headers()));
                    }
                    return !seen.isEmpty();
                });
                awaitCommitted(admin, 6);
                // Nothing more arrives, and nothing was written twice.
                for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofSeconds(1))) {
                    seen.add(CloudEvents.type(r.headers()));
                }
                assertEquals(List.of(EventType.BREACH_OPENED), seen, "the breach reaches a read_committed reader once");
            } finally {
                streams.close(Duration.ofSeconds(30));
                streams.cleanUp();
            }
        }
    }

    private KafkaStreams start(String bootstrap) {
        Properties p = BrokerClients.exactlyOnce(app, bootstrap, stateDir);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, KAFKA_STREAMS_INTERVAL_MS);
        // Kafka Streams refuses a transaction timeout shorter than its interval (the broker allows up to 15 min).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int) KAFKA_STREAMS_INTERVAL_MS);
        TopologySettings settings = new TopologySettings(measurements, agreements, breaches, compliance,
                DetectorDriver.settings(Map.of("surety.detector.commit-interval", "PT0.05S")).detector());
        KafkaStreams streams = new KafkaStreams(DetectorTopology.build(settings, DetectorMetrics.NONE), p);
        streams.start();
        return streams;
    }

    private void send(KafkaProducer<String, byte[]> producer, Instant at, long good, long total) throws Exception {
        Measurement m = new Measurement(UUID.randomUUID().toString(), "raw-" + at, AGREEMENT, 1, OBJECTIVE, "acme", at,
                good, total);
        producer.send(new ProducerRecord<>(measurements, KEY, EventCodec.encode(m))).get();
    }

    /** Waits until the application's committed offset of the measurements topic is {@code offset}. */
    private void awaitCommitted(Admin admin, long offset) {
        TopicPartition partition = new TopicPartition(measurements, 0);
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(app)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata at = committed.get(partition);
            return at != null && at.offset() == offset;
        });
    }
}
