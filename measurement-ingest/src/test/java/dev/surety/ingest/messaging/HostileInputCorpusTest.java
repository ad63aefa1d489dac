package dev.surety.ingest.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.AgreementStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.AgreementSnapshot;
import dev.surety.ingest.HostileCorpus;
import dev.surety.ingest.format.FormatSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The hostile-input corpus (src/test/resources/hostile/kafka-cases.tsv) on the Kafka path: every case reaches the
 * dead-letter topic with its original bytes, the exact category and the exact reason, and the stream goes on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputCorpusTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Instant T = Instant.parse("2026-03-10T11:58:00Z");
    private static final IngestTopics TOPICS = IngestTopics.catalog();

    private TopologyTestDriver driver;
    private CountingListener listener;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, byte[]> measurements;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeAll
    void start() {
        listener = new CountingListener();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "hostile-corpus-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        IngestSettings settings = new IngestSettings(Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofMinutes(10),
                4096, 20, FormatSettings.defaults());
        driver = new TopologyTestDriver(IngestTopology.build(TOPICS, settings, listener), props, NOW);
        TestInputTopic<String, byte[]> agreements = driver.createInputTopic(TOPICS.agreements(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        AgreementSnapshot acme = FormatsTopologyTest.agreement("agr-acme", 1, AgreementStatus.ACTIVE,
                Instant.parse("2026-01-01T00:00:00Z"), List.of(),
                IngestTopologyTest.objective("avail", "checkout", "http_requests", Map.of()),
                FormatsTopologyTest.threshold("latency", "checkout", "m_v", "300"));
        agreements.pipeInput(acme.agreementId(), EventCodec.encode(acme), NOW.minusSeconds(86400));
        raw = driver.createInputTopic(TOPICS.metricsRaw(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        measurements = driver.createOutputTopic(TOPICS.measurements(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        dlq = driver.createOutputTopic(TOPICS.metricsDlq(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterAll
    void stop() {
        driver.close();
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRecordIsDeadLetteredWithItsExactReason() {
        List<HostileCorpus.Row> rows = HostileCorpus.rows("kafka-cases.tsv");
        assertTrue(rows.size() >= 40, "the corpus holds at least 40 cases, has " + rows.size());
        Map<String, String> placeholders = HostileCorpus.placeholders(NOW, T);
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> {
            byte[] payload = HostileCorpus.payload(row.columns().get(0), placeholders);
            Headers headers = new RecordHeaders();
            HostileCorpus.headers(row.columns().get(1))
                    .forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
            raw.pipeInput(new TestRecord<>(row.name().getBytes(StandardCharsets.UTF_8), payload, headers, NOW));

            TestRecord<byte[], byte[]> dead = dlq.readRecord();
            assertEquals(row.name(), new String(dead.key(), StandardCharsets.UTF_8));
            assertEquals(java.util.Arrays.toString(payload), java.util.Arrays.toString(dead.value()),
                    "original bytes");
            String category = CloudEvents.header(dead.headers(), IngestTopology.H_DLQ_CATEGORY);
            String reason = CloudEvents.header(dead.headers(), IngestTopology.H_DLQ_REASON);
            assertEquals(row.columns().get(2) + " | " + row.columns().get(3), category + " | " + reason);
            assertTrue(measurements.isEmpty(), "nothing of a rejected record is routed");
            assertTrue(dlq.isEmpty(), "exactly one dead letter");
        }));
    }
}
