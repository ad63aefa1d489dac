package dev.surety.ingest.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.EventCodec;
import dev.surety.events.Measurement;
import dev.surety.events.RawMetric;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker, with a topology built outside CDI: agreements already on the topic when the
 * application starts are in the global store before the first raw record is processed, so a sample
 * waiting in the raw topic is matched; a bad snapshot on the agreements topic does not stop the
 * restore. It runs its own topics so the service under test elsewhere cannot produce the
 * measurement in its place; {@code @QuarkusTest} only so it shares the JVM's test broker (a plain
 * test would see another copy of SuretyTestInfra's state and start a second broker).
 */
@QuarkusTest
class AgreementRestoreTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private IngestTopics topics;

    @TempDir
    Path stateDir;

    @Test
    void agreementsOnTheTopicAtStartAreSeenByTheFirstSample() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        topics = createTopics("restore-test-" + run);
        String agreementId = "restored-" + run;
        String service = "billing-api-" + run;
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        AgreementSnapshot agreement = IngestTopologyTest.agreement(agreementId, 7, "initech", AgreementStatus.ACTIVE,
                t.minusSeconds(3600), null, IngestTopologyTest.objective("latency", service, "requests", Map.of()));
        RawMetric sample = new RawMetric("s-" + run, "agent", service, "requests", Map.of(), t, null, 3L, 4L);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.agreements(), "broken-" + run,
                    "{\"agreementId\":".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topics.agreements(), agreementId, EventCodec.encode(agreement))).get();
            // Already waiting in the raw topic before the application starts.
            producer.send(new ProducerRecord<>(topics.metricsRaw(), service, EventCodec.encode(sample))).get();
        }

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "agreement-restore-test-" + run);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir.resolve("state")).toString());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");

        CountingListener listener = new CountingListener();
        try (KafkaStreams streams = new KafkaStreams(
                IngestTopology.build(topics, Duration.ofMinutes(5), listener), props)) {
            streams.start();
            await().atMost(PATIENCE).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            ReadOnlyKeyValueStore<String, AgreementSnapshot> store = streams.store(StoreQueryParameters
                    .fromNameAndType(IngestTopology.AGREEMENT_STORE, QueryableStoreTypes.keyValueStore()));
            assertNotNull(store.get(agreementId), "restored before processing started");

            Measurement m = awaitMeasurement(Measurement.key(agreementId, "latency"));
            assertEquals(7, m.agreementVersion());
            assertEquals("s-" + run, m.rawId());
            assertEquals(t, m.timestamp());
            assertEquals(KafkaStreams.State.RUNNING, streams.state(), "a bad snapshot does not stop the application");
        }
    }

    private static IngestTopics createTopics(String prefix) throws Exception {
        IngestTopics t = new IngestTopics(prefix + "-agreements", prefix + "-raw", prefix + "-dlq",
                prefix + "-measurements");
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(
                    new NewTopic(t.agreements(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(t.metricsRaw(), 2, (short) 1),
                    new NewTopic(t.metricsDlq(), 1, (short) 1),
                    new NewTopic(t.measurements(), 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return t;
    }

    private Measurement awaitMeasurement(String key) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "restore-test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.measurements()));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
        }
        return EventCodec.decode(found.get(0).value(), Measurement.class);
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }
}
