package dev.surety.ingest.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The benchmark's pass-through baseline copies records unchanged and runs with measurement-ingest's settings. */
class StreamsPassThroughTest {

    @Test
    void copiesKeyValueHeadersAndTimestampUnchanged() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pass-through-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1234");
        try (TopologyTestDriver driver = new TopologyTestDriver(StreamsPassThrough.topology("in", "out"), props)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("in", Serdes.ByteArray().serializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", Serdes.ByteArray().deserializer(),
                    Serdes.ByteArray().deserializer());
            RecordHeaders headers = new RecordHeaders();
            headers.add("ce_type", "x".getBytes(StandardCharsets.UTF_8));
            byte[] value = "{\"service\":\"bench-api\"}".getBytes(StandardCharsets.UTF_8);
            in.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), value, headers, 1_700_000_000_000L));
            in.pipeInput(new TestRecord<>(null, null, new RecordHeaders(), 1_700_000_000_001L));

            List<TestRecord<byte[], byte[]>> copied = out.readRecordsToList();
            assertEquals(2, copied.size());
            assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), copied.get(0).key());
            assertArrayEquals(value, copied.get(0).value());
            assertArrayEquals("x".getBytes(StandardCharsets.UTF_8),
                    copied.get(0).headers().lastHeader("ce_type").value());
            assertEquals(1_700_000_000_000L, copied.get(0).timestamp());
            assertEquals(null, copied.get(1).value());
            assertEquals(1_700_000_000_001L, copied.get(1).timestamp());
        }
    }

    @Test
    void runsWithMeasurementIngestsKafkaStreamsSettingsAndTheirOverrides() {
        Properties application = StreamsPassThrough.ingestProperties();
        Properties system = new Properties();
        system.put("java.io.tmpdir", "/tmp/x");
        system.put("kafka-streams.num.stream.threads", "4");
        system.put("unrelated", "y");

        Properties s = StreamsPassThrough.settings(application, system);

        assertEquals(application.getProperty("kafka-streams.processing.guarantee"), s.getProperty("processing.guarantee"));
        assertEquals(application.getProperty("kafka-streams.commit.interval.ms"), s.getProperty("commit.interval.ms"));
        assertEquals(application.getProperty("kafka-streams.producer.compression.type"),
                s.getProperty("producer.compression.type"));
        assertEquals(application.getProperty("kafka-streams.producer.batch.size"), s.getProperty("producer.batch.size"));
        assertEquals("4", s.getProperty("num.stream.threads"));
        assertEquals("/tmp/x/kafka-streams", s.getProperty("state.dir"));
        assertTrue(s.keySet().stream().noneMatch(k -> k.toString().startsWith("%") || k.equals("unrelated")), s::toString);
    }
}
