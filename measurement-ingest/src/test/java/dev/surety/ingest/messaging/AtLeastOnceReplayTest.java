package dev.surety.ingest.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementStatus;
import dev.surety.events.EventCodec;
import dev.surety.events.Measurement;
import dev.surety.events.RawMetric;
import dev.surety.ingest.format.FormatSettings;
import io.quarkus.test.junit.QuarkusTest;
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
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At-least-once on a real broker: the application runs, then its committed input offset is moved back to the start —
 * what a crash after the measurements and the store changelogs were written, but before the offset commit, leaves —
 * and a second instance (fresh state directory, stores restored from their changelogs, so ahead of the input) reads
 * the records again. Every measurement comes again with the same id, in the same order: nothing is lost, nothing is
 * taken for a duplicate of itself, and breach-detector drops the doubles by id. {@code @QuarkusTest} only to share the
 * JVM's test broker (see {@link AgreementRestoreTest}).
 */
@QuarkusTest
class AtLeastOnceReplayTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String COLLECTD = "[{\"values\":[%d],\"dstypes\":[\"derive\"],\"dsnames\":[\"value\"],"
            + "\"time\":%s,\"interval\":10.0,\"host\":\"web-1\",\"plugin\":\"interface\",\"plugin_instance\":\"eth0\","
            + "\"type\":\"if_octets\",\"type_instance\":\"rx\"}]";

    @TempDir
    Path stateDir;

    @Test
    void recordsReadAgainAfterTheCommittedOffsetYieldTheSameMeasurementIds() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        IngestTopics topics = createTopics("alos-test-" + run);
        String appId = "alos-test-" + run;
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.agreements(), "agr-" + run, EventCodec.encode(
                    FormatsTopologyTest.agreement("agr-" + run, 1, AgreementStatus.ACTIVE, t.minusSeconds(3600),
                            List.of(), FormatsTopologyTest.threshold("avail", "checkout", "http_requests", "1"),
                            FormatsTopologyTest.threshold("rx", "web-1", "interface_eth0_if_octets_rx", "1000")))))
                    .get();
            List<byte[]> raw = List.of(
                    sample("s-1", t, 99),
                    utf8(String.format(COLLECTD, 1000, t.getEpochSecond() + ".0")),
                    sample(null, t.plusSeconds(5), 98),
                    utf8(String.format(COLLECTD, 6000, (t.getEpochSecond() + 10) + ".0")),
                    sample("s-2", t.plusSeconds(10), 97),
                    utf8(String.format(COLLECTD, 8000, (t.getEpochSecond() + 20) + ".0")));
            for (byte[] value : raw) {
                producer.send(new ProducerRecord<>(topics.metricsRaw(), "web-1", value)).get();
            }
        }

        CountingListener first = new CountingListener();
        run(topics, appId, "first", first, 5);
        List<Measurement> firstPass = measurements(topics, 5);
        assertEquals(List.of(500.0, 200.0), firstPass.stream().filter(m -> m.objectiveId().equals("rx"))
                .map(Measurement::value).toList());

        // The crash: the produced records and the store changelogs stay, the committed offset goes back.
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        try (Admin admin = Admin.create(p)) {
            // Accepted once the closed instance's member left the group (a session timeout later).
            await().atMost(PATIENCE).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets(appId, Map.of(new TopicPartition(topics.metricsRaw(), 0),
                        new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
                return true;
            });
        }

        CountingListener second = new CountingListener();
        run(topics, appId, "second", second, 5);
        List<Measurement> all = measurements(topics, 10);
        assertEquals(firstPass, all.subList(5, 10), "the same measurements, ids included, in the same order");
        assertEquals(0, second.duplicates, "no record is a duplicate of itself");
        assertTrue(second.deadLettered.isEmpty());
    }

    /** Runs an instance until it has produced {@code produced} measurements, then closes it (which commits). */
    private void run(IngestTopics topics, String appId, String dir, CountingListener listener, int produced)
            throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir.resolve(dir)).toString());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Kafka Streams does not leave the group on close: the broker's shortest session ends the membership.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        IngestSettings settings = new IngestSettings(Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofMinutes(10),
                1 << 20, 20, FormatSettings.defaults());
        try (KafkaStreams streams = new KafkaStreams(IngestTopology.build(topics, settings, listener), props)) {
            streams.start();
            await().atMost(PATIENCE).until(() -> listener.produced >= produced);
        }
    }

    private static List<Measurement> measurements(IngestTopics topics, int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "alos-test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Measurement> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.measurements()));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> found.add(EventCodec.decode(r.value(), Measurement.class)));
                return found.size() >= count;
            });
        }
        return found;
    }

    private static IngestTopics createTopics(String prefix) throws Exception {
        IngestTopics t = new IngestTopics(prefix + "-agreements", prefix + "-raw", prefix + "-dlq",
                prefix + "-measurements");
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        try (Admin admin = Admin.create(p)) {
            // One partition each, so that the measurements' order is the raw records' order.
            admin.createTopics(List.of(
                    new NewTopic(t.agreements(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(t.metricsRaw(), 1, (short) 1),
                    new NewTopic(t.metricsDlq(), 1, (short) 1),
                    new NewTopic(t.measurements(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return t;
    }

    private static byte[] sample(String id, Instant time, long good) {
        return EventCodec.encode(new RawMetric(id, "agent-7", "checkout", "http_requests", Map.of(), time, null, good,
                100L));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }
}
