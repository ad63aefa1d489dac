package dev.surety.ingest.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.surety.ingest.service.MeasurementRouter;
import dev.surety.ingest.service.RejectionCategory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

/** The topology on TopologyTestDriver: explicit record timestamps and an explicit wall clock. */
class IngestTopologyTest {

    /** The stream's wall clock; sample timestamps are judged against it. */
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Instant T1 = Instant.parse("2026-03-10T11:58:00Z");
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
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(IngestTopology.build(TOPICS, Duration.ofMinutes(5), listener), props, NOW);
        agreements = driver.createInputTopic(TOPICS.agreements(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        raw = driver.createInputTopic(TOPICS.metricsRaw(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        measurements = driver.createOutputTopic(TOPICS.measurements(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        dlq = driver.createOutputTopic(TOPICS.metricsDlq(),
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    // ---- routing ------------------------------------------------------------------------------

    @Test
    void matchingSampleBecomesOneMeasurementWithKeyHeadersAndEventTime() {
        publish(agreement("agr-1", 3, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(3600), null,
                objective("avail", "checkout", "http_requests", Map.of("region", "eu"))));

        Instant sampleTime = T1.plusSeconds(30);
        RawMetric sample = new RawMetric("raw-1", "agent-7", "checkout", "http_requests",
                Map.of("region", "eu", "pod", "a"), sampleTime, null, 998L, 1000L);
        Headers h = new RecordHeaders();
        CloudEvents.write(h, EventType.RAW_METRIC, "raw-1", "/agents/7", sampleTime, null);
        // The raw record's own timestamp differs from the sample's: the output must carry the sample's.
        raw.pipeInput(new TestRecord<>(bytes("checkout"), EventCodec.encode(sample), h, NOW.minusSeconds(1)));

        List<TestRecord<String, byte[]>> out = measurements.readRecordsToList();
        assertEquals(1, out.size());
        TestRecord<String, byte[]> rec = out.get(0);
        assertEquals("agr-1/avail", rec.key());
        assertEquals(sampleTime, rec.getRecordTime());

        Measurement m = EventCodec.decode(rec.value(), Measurement.class);
        String expectedId = MeasurementRouter.measurementId("raw-1", "agr-1", "avail");
        assertEquals(new Measurement(expectedId, "raw-1", "agr-1", 3, "avail", "acme", sampleTime, 998, 1000), m);

        assertEquals(EventType.MEASUREMENT.ceType(), CloudEvents.header(rec.headers(), CloudEvents.H_TYPE));
        assertEquals(expectedId, CloudEvents.header(rec.headers(), CloudEvents.H_ID));
        assertEquals("/surety/measurement-ingest", CloudEvents.header(rec.headers(), CloudEvents.H_SOURCE));
        assertEquals("agr-1/avail", CloudEvents.header(rec.headers(), CloudEvents.H_SUBJECT));
        assertEquals(sampleTime.toString(), CloudEvents.header(rec.headers(), CloudEvents.H_TIME));
        assertEquals("1.0", CloudEvents.header(rec.headers(), CloudEvents.H_SPECVERSION));
        assertNull(rec.headers().lastHeader("surety-dlq-reason"));
        assertTrue(dlq.isEmpty());
        assertEquals(1, listener.received);
        assertEquals(1, listener.produced);
        assertEquals(0, listener.unmatched);
    }

    @Test
    void sampleMatchingTwoAgreementsBecomesTwoMeasurements() {
        publish(agreement("agr-a", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null,
                objective("avail", "checkout", "http_requests", Map.of())));
        publish(agreement("agr-b", 2, "globex", AgreementStatus.ACTIVE, T1.minusSeconds(60), null,
                objective("errors", "checkout", "http_requests", Map.of("region", "eu"))));

        raw.pipeInput(null, json(sample("s-1", T1, 5L, 10L)), T1);

        Map<String, Measurement> byKey = new java.util.TreeMap<>();
        measurements.readRecordsToList().forEach(r -> byKey.put(r.key(), EventCodec.decode(r.value(), Measurement.class)));
        assertEquals(List.of("agr-a/avail", "agr-b/errors"), List.copyOf(byKey.keySet()));
        assertEquals("acme", byKey.get("agr-a/avail").tenant());
        assertEquals(2, byKey.get("agr-b/errors").agreementVersion());
        assertEquals("globex", byKey.get("agr-b/errors").tenant());
        assertTrue(!byKey.get("agr-a/avail").id().equals(byKey.get("agr-b/errors").id()),
                "each measurement has its own id");
        assertEquals(2, listener.produced);
    }

    @Test
    void unmatchedSampleIsCountedAndProducesNothing() {
        publish(agreement("agr-1", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null,
                objective("avail", "checkout", "http_requests", Map.of("region", "us"))));

        raw.pipeInput(null, json(sample("s-1", T1, 5L, 10L)), T1); // labels say region=eu

        assertTrue(measurements.isEmpty());
        assertTrue(dlq.isEmpty(), "an unmatched sample is not an error");
        assertEquals(1, listener.unmatched);
        assertEquals(0, listener.produced);
    }

    @Test
    void agreementThatIsNotActiveOrNotInForceAtTheSampleTimeDoesNotMatch() {
        MetricSelectorFixture f = new MetricSelectorFixture();
        publish(agreement("draft", 1, "acme", AgreementStatus.DRAFT, T1.minusSeconds(60), null, f.objective()));
        publish(agreement("suspended", 1, "acme", AgreementStatus.SUSPENDED, T1.minusSeconds(60), null, f.objective()));
        publish(agreement("future", 1, "acme", AgreementStatus.ACTIVE, T1.plusMillis(1), null, f.objective()));
        publish(agreement("ended", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), T1, f.objective()));
        publish(agreement("starts-now", 1, "acme", AgreementStatus.ACTIVE, T1, T1.plusMillis(1), f.objective()));

        raw.pipeInput(null, json(sample("s-1", T1, 5L, 10L)), T1);

        List<String> keys = measurements.readRecordsToList().stream().map(TestRecord::key).toList();
        assertEquals(List.of("starts-now/avail"), keys, "effectiveFrom is inclusive, effectiveTo exclusive");
    }

    @Test
    void tombstoneRemovesAgreementAndNewerVersionReplacesIt() {
        MetricSelectorFixture f = new MetricSelectorFixture();
        publish(agreement("agr-1", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null, f.objective()));
        publish(agreement("agr-1", 2, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null, f.objective()));
        raw.pipeInput(null, json(sample("s-1", T1, 5L, 10L)), T1);
        assertEquals(2, EventCodec.decode(measurements.readValue(), Measurement.class).agreementVersion());

        agreements.pipeInput("agr-1", (byte[]) null, T1);
        raw.pipeInput(null, json(sample("s-2", T1, 5L, 10L)), T1);
        assertTrue(measurements.isEmpty());
        assertEquals(1, listener.unmatched);
    }

    @Test
    void agreementsAndSelectorChangesPublishedAfterRoutingBeganDecideTheNextRecords() {
        raw.pipeInput(null, json(sample("s-1", T1, 5L, 10L)), T1);
        assertTrue(measurements.isEmpty());
        assertEquals(1, listener.unmatched);

        publish(agreement("agr-late", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null,
                objective("avail", "checkout", "http_requests", Map.of())));
        raw.pipeInput(null, json(sample("s-2", T1, 5L, 10L)), T1);
        assertEquals("agr-late/avail", measurements.readRecord().key());

        // Version 2 measures another metric from before the sample: the old selector no longer routes it.
        AgreementSnapshot v2 = agreement("agr-late", 2, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null,
                objective("avail", "checkout", "http_ok", Map.of()));
        publish(v2);
        raw.pipeInput(null, json(sample("s-3", T1, 5L, 10L)), T1);
        assertTrue(measurements.isEmpty());
        assertEquals(2, listener.unmatched);
        RawMetric ok = new RawMetric("s-4", "agent-1", "checkout", "http_ok", Map.of(), T1, null, 5L, 10L);
        raw.pipeInput(null, json(ok), T1);
        assertEquals(2, EventCodec.decode(measurements.readValue(), Measurement.class).agreementVersion());
    }

    @Test
    void sampleWithoutIdGetsRawIdFromItsRecordPosition() {
        MetricSelectorFixture f = new MetricSelectorFixture();
        publish(agreement("agr-1", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null, f.objective()));

        byte[] batch = json(List.of(sample(null, T1, 1L, 1L), sample(null, T1.plusSeconds(1), 2L, 3L)));
        raw.pipeInput(null, batch, T1); // offset 0

        List<Measurement> out = measurements.readValuesToList().stream()
                .map(v -> EventCodec.decode(v, Measurement.class)).toList();
        String topic = TOPICS.metricsRaw();
        assertEquals(List.of(topic + "/0@0#0", topic + "/0@0#1"), out.stream().map(Measurement::rawId).toList());
        assertEquals(MeasurementRouter.measurementId(topic + "/0@0#1", "agr-1", "avail"), out.get(1).id());
    }

    @Test
    void resentSampleWithAnIdIsDroppedWithinTheDedupHorizonAndYieldsTheSameIdAfterIt() {
        MetricSelectorFixture f = new MetricSelectorFixture();
        publish(agreement("agr-1", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null, f.objective()));
        raw.pipeInput(null, json(sample("agent-1:42", T1, 1L, 2L)), T1);
        raw.pipeInput(null, json(sample("agent-1:42", T1, 1L, 2L)), T1.plusSeconds(5)); // within PT10M: dropped
        raw.pipeInput(null, json(sample("agent-1:42", T1, 1L, 2L)), T1.plusSeconds(601)); // beyond: routed again

        List<TestRecord<String, byte[]>> out = measurements.readRecordsToList();
        assertEquals(2, out.size());
        assertEquals(1, listener.duplicates);
        // Beyond the horizon the id is the same, so consumers idempotent on it still drop the copy.
        assertEquals(CloudEvents.header(out.get(0).headers(), CloudEvents.H_ID),
                CloudEvents.header(out.get(1).headers(), CloudEvents.H_ID));
    }

    // ---- dead letters --------------------------------------------------------------------------

    @Test
    void unparseableBytesGoToTheDlqUntouchedWithReasonAndSource() {
        byte[] garbage = {'{', '"', 's', 'e', 'r', 'v', 0x00, (byte) 0xff, 'x'};
        Headers h = new RecordHeaders();
        h.add("agent-build", "1.2.3".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(new TestRecord<>(bytes("host-9"), garbage, h, T1));

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertArrayEquals(bytes("host-9"), dead.key());
        assertArrayEquals(garbage, dead.value());
        assertEquals("1.2.3", header(dead.headers(), "agent-build"), "original headers are kept");
        assertTrue(header(dead.headers(), "surety-dlq-reason").startsWith("not valid JSON"),
                header(dead.headers(), "surety-dlq-reason"));
        assertEquals("unparseable", header(dead.headers(), "surety-dlq-category"));
        assertEquals(TOPICS.metricsRaw() + "/0@0", header(dead.headers(), "surety-dlq-source"));
        assertEquals(T1, dead.getRecordTime());
        assertTrue(measurements.isEmpty());
        assertEquals(1, listener.rejected(RejectionCategory.UNPARSEABLE));
    }

    @Test
    void goodGreaterThanTotalGoesToTheDlq() {
        MetricSelectorFixture f = new MetricSelectorFixture();
        publish(agreement("agr-1", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null, f.objective()));
        byte[] value = json(sample("s-1", T1, 11L, 10L));
        raw.pipeInput(bytes("k"), value, T1);

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertEquals("total: must be >= good", header(dead.headers(), "surety-dlq-reason"));
        assertEquals("invalid", header(dead.headers(), "surety-dlq-category"));
        assertArrayEquals(value, dead.value());
        assertTrue(measurements.isEmpty());
        assertEquals(1, listener.rejected(RejectionCategory.INVALID));
    }

    @Test
    void batchWithOneBadItemGoesWholeToTheDlqNamingTheItem() {
        MetricSelectorFixture f = new MetricSelectorFixture();
        publish(agreement("agr-1", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null, f.objective()));
        String batch = "["
                + new String(json(sample("ok-0", T1, 1L, 2L)), StandardCharsets.UTF_8) + ","
                + new String(json(sample("ok-1", T1, 2L, 2L)), StandardCharsets.UTF_8) + ","
                + "{\"service\":\"checkout\",\"metric\":\"http_requests\",\"timestamp\":\"" + T1 + "\",\"good\":7,\"total\":3}"
                + "]";
        raw.pipeInput(bytes("batch"), batch.getBytes(StandardCharsets.UTF_8), T1);

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertEquals("samples[2].total: must be >= good", header(dead.headers(), "surety-dlq-reason"));
        assertEquals(batch, new String(dead.value(), StandardCharsets.UTF_8));
        assertTrue(measurements.isEmpty(), "the valid items of a rejected batch are not routed either");
        assertEquals(0, listener.produced);
    }

    @Test
    void everyRuleIsReportedWithItsFieldPath() {
        String batch = "[{\"metric\":\"m\",\"timestamp\":\"yesterday\",\"good\":1.5,\"total\":-2},"
                + "{\"service\":\"s\",\"metric\":\"m\",\"timestamp\":\"" + T1 + "\",\"good\":1},"
                + "{\"service\":\"s\",\"metric\":\"m\",\"timestamp\":\"" + T1 + "\",\"value\":1e400},"
                + "{\"service\":\"s\",\"metric\":\"m\",\"timestamp\":\"" + T1 + "\"},"
                + "{\"service\":\"s\",\"metric\":\"m\",\"timestamp\":\"" + NOW.plusSeconds(301) + "\",\"value\":1},"
                + "42]";
        raw.pipeInput(null, batch.getBytes(StandardCharsets.UTF_8), T1);

        String reason = header(dlq.readRecord().headers(), "surety-dlq-reason");
        assertEquals(String.join("; ",
                "samples[0].timestamp: must be an ISO-8601 instant such as 2026-01-31T12:00:00Z",
                "samples[0].good: must be an integer",
                "samples[0].service: is required",
                "samples[0].total: must be >= 0",
                "samples[1].total: is required when good is given",
                "samples[2].value: must be finite",
                "samples[3].value: is required unless good and total are given",
                "samples[4].timestamp: must not be more than PT5M ahead of the ingest clock (" + NOW + ")",
                "samples[5]: must be an object"), reason);
    }

    @Test
    void timestampExactlyAtTheFutureLimitIsAccepted() {
        MetricSelectorFixture f = new MetricSelectorFixture();
        publish(agreement("agr-1", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null, f.objective()));
        raw.pipeInput(null, json(sample("s-1", NOW.plusSeconds(300), 1L, 1L)), T1);
        assertEquals(1, measurements.readRecordsToList().size());
        assertTrue(dlq.isEmpty());
    }

    @Test
    void gaugeSampleMatchingARatioObjectiveGoesToTheDlq() {
        MetricSelectorFixture f = new MetricSelectorFixture();
        publish(agreement("agr-1", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null, f.objective()));
        RawMetric gauge = new RawMetric("g-1", null, "checkout", "http_requests", Map.of("region", "eu"),
                T1, 0.98, null, null);
        raw.pipeInput(null, EventCodec.encode(gauge), T1);

        assertEquals("good: is required by ratio objective agr-1/avail",
                header(dlq.readRecord().headers(), "surety-dlq-reason"));
        assertTrue(measurements.isEmpty());
    }

    @Test
    void recordOfAnotherEventTypeGoesToTheDlq() {
        Headers h = new RecordHeaders();
        CloudEvents.write(h, EventType.MEASUREMENT, "x", "/elsewhere", T1, null);
        raw.pipeInput(new TestRecord<>(null, json(sample("s-1", T1, 1L, 1L)), h, T1));

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertEquals("ce_type: 'dev.surety.measurement.v1' is not dev.surety.metric.raw.v1",
                header(dead.headers(), "surety-dlq-reason"));
        assertEquals("unsupported-type", header(dead.headers(), "surety-dlq-category"));
        assertEquals(EventType.MEASUREMENT.ceType(), header(dead.headers(), CloudEvents.H_TYPE));
        assertEquals(1, listener.rejected(RejectionCategory.UNSUPPORTED_TYPE));
    }

    @Test
    void processingContinuesAfterBadRecords() {
        MetricSelectorFixture f = new MetricSelectorFixture();
        publish(agreement("agr-1", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null, f.objective()));
        agreements.pipeInput("agr-bad", "not json".getBytes(StandardCharsets.UTF_8), T1); // skipped, logged

        raw.pipeInput(null, "nope".getBytes(StandardCharsets.UTF_8), T1);
        raw.pipeInput(null, new byte[0], T1);
        raw.pipeInput(null, (byte[]) null, T1);
        raw.pipeInput(null, json(sample("s-ok", T1, 9L, 10L)), T1);

        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertEquals(List.of(TOPICS.metricsRaw() + "/0@0", TOPICS.metricsRaw() + "/0@1", TOPICS.metricsRaw() + "/0@2"),
                dead.stream().map(r -> header(r.headers(), "surety-dlq-source")).toList());
        assertEquals("payload is empty", header(dead.get(2).headers(), "surety-dlq-reason"));
        Measurement m = EventCodec.decode(measurements.readValue(), Measurement.class);
        assertEquals("s-ok", m.rawId());
        assertEquals(4, listener.received);
        assertEquals(3, listener.rejected(RejectionCategory.UNPARSEABLE));
    }

    // ---- tenant header (records written by POST /v1/metrics) ------------------------------------

    @Test
    void recordTaggedWithAnotherTenantThanTheMatchedAgreementGoesWholeToTheDlq() {
        publish(agreement("agr-a", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null,
                objective("avail", "checkout", "http_requests", Map.of())));
        publish(agreement("agr-b", 1, "globex", AgreementStatus.ACTIVE, T1.minusSeconds(60), null,
                objective("avail", "checkout", "http_requests", Map.of())));
        Headers h = new RecordHeaders();
        h.add(IngestTopology.H_TENANT, bytes("globex"));
        byte[] value = json(List.of(sample("s-1", T1, 5L, 10L)));
        raw.pipeInput(new TestRecord<>(bytes("globex/checkout"), value, h, T1));

        // Even its globex measurement is withheld: all or nothing per record.
        assertTrue(measurements.isEmpty());
        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertArrayEquals(value, dead.value());
        assertEquals("tenant-mismatch", header(dead.headers(), "surety-dlq-category"));
        assertEquals("samples[0].service: tenant mismatch: published for tenant 'globex' but matches objective "
                + "agr-a/avail of tenant 'acme'", header(dead.headers(), "surety-dlq-reason"));
        assertEquals("globex", header(dead.headers(), IngestTopology.H_TENANT));
        assertEquals(1, listener.rejected(RejectionCategory.TENANT_MISMATCH));
    }

    @Test
    void recordTaggedWithTheAgreementsTenantIsRoutedAndUntaggedRecordsFeedAnyTenant() {
        publish(agreement("agr-a", 1, "acme", AgreementStatus.ACTIVE, T1.minusSeconds(60), null,
                objective("avail", "checkout", "http_requests", Map.of())));
        Headers h = new RecordHeaders();
        h.add(IngestTopology.H_TENANT, bytes("acme"));
        raw.pipeInput(new TestRecord<>(null, json(sample("s-1", T1, 5L, 10L)), h, T1));
        raw.pipeInput(null, json(sample("s-2", T1, 6L, 10L)), T1); // Kafka path: no header

        assertEquals(List.of("s-1", "s-2"), measurements.readValuesToList().stream()
                .map(v -> EventCodec.decode(v, Measurement.class).rawId()).toList());
        assertTrue(dlq.isEmpty());
    }

    // ---- fixtures ------------------------------------------------------------------------------

    /** The objective most tests use: ratio of checkout http_requests in region eu. */
    private static final class MetricSelectorFixture {
        ObjectiveSpec objective() {
            return IngestTopologyTest.objective("avail", "checkout", "http_requests", Map.of("region", "eu"));
        }
    }

    private void publish(AgreementSnapshot a) {
        agreements.pipeInput(a.agreementId(), EventCodec.encode(a), T1.minusSeconds(7200));
    }

    static ObjectiveSpec objective(String id, String service, String metric, Map<String, String> labels) {
        return new ObjectiveSpec(id, id, SliKind.RATIO, new MetricSelector(null, service, metric, labels),
                new BigDecimal("99.9"), ObjectiveSpec.CALENDAR_MONTH, Duration.ofMinutes(5),
                new BigDecimal("99"), Duration.ofMinutes(10));
    }

    static AgreementSnapshot agreement(String id, int version, String tenant, AgreementStatus status,
                                       Instant from, Instant to, ObjectiveSpec... objectives) {
        return new AgreementSnapshot(id, version, tenant, "SLA " + id, "provider", "checkout", status, from, to,
                "UTC", List.of(objectives), null, from);
    }

    private static RawMetric sample(String id, Instant t, Long good, Long total) {
        return new RawMetric(id, "agent-1", "checkout", "http_requests", Map.of("region", "eu"), t, null, good, total);
    }

    private static byte[] json(Object o) {
        return EventCodec.encode(o);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        String v = CloudEvents.header(headers, name);
        assertNotNull(v, "header " + name);
        return v;
    }
}
