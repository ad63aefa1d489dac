package dev.surety.ingest.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.Comparison;
import dev.surety.events.EventCodec;
import dev.surety.events.Exclusions;
import dev.surety.events.Measurement;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import dev.surety.ingest.format.FormatSettings;
import dev.surety.ingest.format.PayloadFormat;
import dev.surety.ingest.format.RemoteWriteFixture;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every format on the Kafka path, routing by the version in force, exclusions and value samples. */
class FormatsTopologyTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
    private static final IngestTopics TOPICS = IngestTopics.catalog();

    private TopologyTestDriver driver;
    private CountingListener listener;
    private TestInputTopic<String, byte[]> agreements;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, byte[]> measurements;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        listener = new CountingListener();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "formats-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        IngestSettings settings = new IngestSettings(Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofMinutes(10),
                4096, 20, FormatSettings.defaults());
        driver = new TopologyTestDriver(IngestTopology.build(TOPICS, settings, listener), props, NOW);
        agreements = driver.createInputTopic(TOPICS.agreements(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        raw = driver.createInputTopic(TOPICS.metricsRaw(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        measurements = driver.createOutputTopic(TOPICS.measurements(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        dlq = driver.createOutputTopic(TOPICS.metricsDlq(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static ObjectiveSpec threshold(String id, String service, String metric, String bound) {
        return new ObjectiveSpec(id, id, null, SliKind.THRESHOLD, new MetricSelector(null, service, metric, Map.of()),
                Comparison.LE, new BigDecimal(bound), null, null, new BigDecimal("99"), ObjectiveSpec.CALENDAR_MONTH,
                Duration.ofMinutes(5), new BigDecimal("95"), null, List.of(), null, null);
    }

    static AgreementSnapshot agreement(String id, int version, AgreementStatus status, Instant tookForce,
                                       List<String> excludedCauses, ObjectiveSpec... objectives) {
        return new AgreementSnapshot(id, version, "acme", "SLA " + id, null, "provider", null, "checkout", status,
                Instant.parse("2026-01-01T00:00:00Z"), null, "UTC", List.of(objectives),
                new Exclusions(List.of(), null, excludedCauses), null, null, null, tookForce, "alice");
    }

    private void publish(AgreementSnapshot a) {
        agreements.pipeInput(a.agreementId(), EventCodec.encode(a), a.updatedAt());
    }

    private List<Measurement> out() {
        return measurements.readValuesToList().stream().map(v -> EventCodec.decode(v, Measurement.class)).toList();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lineProtocolValueSamplesAreOneEventEachJudgedByTheBound() {
        publish(agreement("agr-1", 1, AgreementStatus.ACTIVE, T0, List.of(),
                threshold("latency", "checkout", "http_latency_ms", "300")));
        long t = Instant.parse("2026-03-10T11:58:00Z").getEpochSecond();
        raw.pipeInput(utf8("web-1"), utf8("http,service=checkout,host=web-1 latency_ms=120.5 " + t + "000000000\n"
                + "http,service=checkout,host=web-1 latency_ms=450i " + (t + 1) + "000000000\n"), NOW);

        List<Measurement> m = out();
        assertEquals(2, m.size());
        assertEquals(List.of(1L, 0L), m.stream().map(Measurement::good).toList());
        assertEquals(List.of(1L, 1L), m.stream().map(Measurement::total).toList());
        assertEquals(List.of(120.5, 450.0), m.stream().map(Measurement::value).toList());
        assertTrue(dlq.isEmpty());
    }

    @Test
    void countedSampleFeedsAThresholdObjectiveWithItsCounts() {
        publish(agreement("agr-1", 1, AgreementStatus.ACTIVE, T0, List.of(),
                threshold("probe", "checkout", "probe", "1")));
        raw.pipeInput(null, utf8("probe,service=checkout good=58i,total=60i 1773143880"), NOW);
        // no precision header: nanoseconds, so 1773143880 ns is 1970 and refused; with the header it is seconds
        assertEquals("lines[1].timestamp: must not be more than PT168H older than the ingest clock (" + NOW + ")",
                CloudEvents.header(dlq.readRecord().headers(), IngestTopology.H_DLQ_REASON));
        Headers h = new RecordHeaders();
        h.add(IngestTopology.H_PRECISION, utf8("s"));
        raw.pipeInput(new TestRecord<>(null, utf8("probe,service=checkout good=58i,total=60i 1773143880"), h, NOW));
        Measurement m = out().get(0);
        assertEquals(58, m.good());
        assertEquals(60, m.total());
        assertNull(m.value());
    }

    @Test
    void collectdDeriveBecomesARateWithItsBaselineInTheStateStore() {
        publish(agreement("agr-1", 1, AgreementStatus.ACTIVE, T0, List.of(),
                threshold("rx", "web-1", "interface_eth0_if_octets_rx", "1000")));
        String tpl = "[{\"values\":[%d,%d],\"dstypes\":[\"derive\",\"derive\"],\"dsnames\":[\"rx\",\"tx\"],"
                + "\"time\":%s,\"interval\":10.0,\"host\":\"web-1\",\"plugin\":\"interface\",\"plugin_instance\":\"eth0\","
                + "\"type\":\"if_octets\",\"type_instance\":\"\"}]";
        raw.pipeInput(utf8("web-1"), utf8(String.format(tpl, 1000, 50, "1773143870.0")), NOW);
        assertTrue(measurements.isEmpty(), "the first value only sets the baseline");
        raw.pipeInput(utf8("web-1"), utf8(String.format(tpl, 6000, 80, "1773143880.0")), NOW);
        raw.pipeInput(utf8("web-1"), utf8(String.format(tpl, 8000, 90, "1773143890.0")), NOW);

        List<Measurement> m = out();
        assertEquals(List.of(500.0, 200.0), m.stream().map(Measurement::value).toList());
        assertEquals(List.of(1L, 1L), m.stream().map(Measurement::good).toList());
        assertEquals(Instant.parse("2026-03-10T11:58:00Z"), m.get(0).timestamp());
        assertEquals(2, listener.unmatched, "tx matches no objective");
    }

    @Test
    void remoteWriteRecordNamedByItsContentType() {
        publish(agreement("agr-1", 1, AgreementStatus.ACTIVE, T0, List.of(),
                threshold("lat", "checkout", "request_latency_seconds", "0.3")));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("__name__", "request_latency_seconds");
        labels.put("job", "checkout");
        labels.put("instance", "web-1:9100");
        labels.put("quantile", "0.99");
        long ms = Instant.parse("2026-03-10T11:58:00Z").toEpochMilli();
        byte[] body = RemoteWriteFixture.body(List.of(new RemoteWriteFixture.Series(labels, List.of(
                new RemoteWriteFixture.Point(0.25, ms),
                new RemoteWriteFixture.Point(Double.longBitsToDouble(0x7ff0000000000002L), ms + 15_000)))));
        Headers h = new RecordHeaders();
        h.add(CloudEvents.H_CONTENT_TYPE, utf8("application/x-protobuf"));
        raw.pipeInput(new TestRecord<>(null, body, h, NOW));

        List<Measurement> m = out();
        assertEquals(1, m.size(), "the staleness marker is not a sample");
        assertEquals(0.25, m.get(0).value());
        assertEquals(1, m.get(0).good());
        assertTrue(dlq.isEmpty());
    }

    @Test
    void formatNamedByCloudEventsTypeOverridesSniffing() {
        publish(agreement("agr-1", 1, AgreementStatus.ACTIVE, T0, List.of(), threshold("l", "checkout", "m_v", "1")));
        Headers h = new RecordHeaders();
        h.add(CloudEvents.H_TYPE, utf8(PayloadFormat.INFLUX_LINE.ceType()));
        raw.pipeInput(new TestRecord<>(null, utf8("m,service=checkout v=0.5"), h, NOW.minusSeconds(30)));
        Measurement m = out().get(0);
        assertEquals(NOW.minusSeconds(30), m.timestamp(), "a point without timestamp takes the record's");
    }

    @Test
    void eachSampleIsJudgedByTheVersionInForceAtItsTimestamp() {
        publish(agreement("agr-1", 1, AgreementStatus.ACTIVE, T0, List.of(), threshold("lat", "checkout", "m_v", "300")));
        publish(agreement("agr-1", 2, AgreementStatus.ACTIVE, T0.plusSeconds(3600), List.of(),
                threshold("lat", "checkout", "m_v", "100")));
        publish(agreement("agr-1", 3, AgreementStatus.SUSPENDED, T0.plusSeconds(7200), List.of(),
                threshold("lat", "checkout", "m_v", "100")));
        long t0 = T0.getEpochSecond();
        Headers h = new RecordHeaders();
        h.add(IngestTopology.H_PRECISION, utf8("s"));
        raw.pipeInput(new TestRecord<>(null, utf8(
                "m,service=checkout v=200 " + (t0 - 600) + "\n"      // before every version: the oldest (v1)
                + "m,service=checkout v=200 " + (t0 + 1800) + "\n"   // v1: 200 <= 300 good
                + "m,service=checkout v=200 " + (t0 + 5400) + "\n"   // v2: 200 > 100 bad
                + "m,service=checkout v=200 " + (t0 + 9000) + "\n"), h, NOW)); // v3 suspended: not routed

        List<Measurement> m = out();
        assertEquals(List.of(1, 1, 2), m.stream().map(Measurement::agreementVersion).toList());
        assertEquals(List.of(1L, 1L, 0L), m.stream().map(Measurement::good).toList());
        assertEquals(1, listener.unmatched);
    }

    @Test
    void sampleWithAnExcludedCauseIsCountedNotRouted() {
        publish(agreement("agr-1", 1, AgreementStatus.ACTIVE, T0, List.of("customer"),
                threshold("lat", "checkout", "m_v", "300")));
        publish(agreement("agr-2", 1, AgreementStatus.ACTIVE, T0, List.of(), threshold("lat", "checkout", "m_v", "300")));
        raw.pipeInput(null, utf8("m,service=checkout,cause=customer v=1"), NOW);

        assertEquals(List.of("agr-2"), out().stream().map(Measurement::agreementId).toList());
        assertEquals(1, listener.excluded);
        assertEquals(0, listener.unmatched);
    }

    @Test
    void recordLargerThanTheLimitIsDeadLetteredAsTooLarge() {
        raw.pipeInput(null, new byte[4097], NOW);
        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertEquals("too-large", CloudEvents.header(dead.headers(), IngestTopology.H_DLQ_CATEGORY));
        assertEquals("payload has 4097 bytes; at most 4096 are accepted",
                CloudEvents.header(dead.headers(), IngestTopology.H_DLQ_REASON));
    }
}
