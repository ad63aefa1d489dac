package dev.surety.detector.streams;

import dev.surety.detector.ObjectiveState;
import dev.surety.detector.config.DetectorConfig;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BurnRateRule;
import dev.surety.events.CloudEvents;
import dev.surety.events.Comparison;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.EventCodec;
import dev.surety.events.Exclusions;
import dev.surety.events.Measurement;
import dev.surety.events.MetricSelector;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import dev.surety.events.Topic;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A {@link TopologyTestDriver} around the real detector topology, with explicit event times and a
 * controllable wall clock, plus helpers to build agreements and read the published events.
 */
final class DetectorDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String AGREEMENT = "agr-1";
    static final String OBJECTIVE = "availability";
    static final String KEY = Measurement.key(AGREEMENT, OBJECTIVE);
    static final Duration GRACE = Duration.ofSeconds(5);

    final TopologyTestDriver driver;
    final CountingMetrics metrics = new CountingMetrics();
    private final TestInputTopic<String, byte[]> measurements;
    private final TestInputTopic<String, byte[]> agreements;
    private final TestOutputTopic<String, byte[]> breaches;
    private final TestOutputTopic<String, byte[]> compliance;

    static final Duration PROVISIONAL_INTERVAL = Duration.ofMinutes(1);

    DetectorDriver(Path stateDir, Instant wallClock) {
        this(stateDir, wallClock, Map.of());
    }

    /** @param provisionalSpread false: every objective's PROVISIONAL record at the same tick of the interval */
    DetectorDriver(Path stateDir, Instant wallClock, boolean provisionalSpread) {
        this(stateDir, wallClock, Map.of("surety.detector.provisional-spread", Boolean.toString(provisionalSpread)));
    }

    /** @param overrides {@code surety.detector.*} properties on top of the test's settings ({@link #settings}) */
    DetectorDriver(Path stateDir, Instant wallClock, Map<String, String> overrides) {
        TopologySettings settings = settings(overrides);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "surety-breach-detector-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The test driver runs one task synchronously; exactly-once adds nothing to observe here.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(DetectorTopology.build(settings, metrics), props, wallClock);
        measurements = driver.createInputTopic(Topic.MEASUREMENTS.topicName(), new StringSerializer(),
                new ByteArraySerializer());
        agreements = driver.createInputTopic(Topic.AGREEMENTS.topicName(), new StringSerializer(),
                new ByteArraySerializer());
        breaches = driver.createOutputTopic(Topic.BREACHES.topicName(), new StringDeserializer(),
                new ByteArrayDeserializer());
        compliance = driver.createOutputTopic(Topic.COMPLIANCE.topicName(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * The catalog's topics and the detector's configuration as SmallRye Config maps it (its defaults, so what production
     * runs), with the timings the tests count on pinned: 1 s punctuation, 1 min provisional interval, 5 s grace, 1 s
     * buckets, 60 per window; then {@code overrides}.
     */
    static TopologySettings settings(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(Map.of(
                "surety.detector.grace", GRACE.toString(),
                "surety.detector.punctuate-interval", "PT1S",
                "surety.detector.min-bucket-size", "PT1S",
                "surety.detector.buckets-per-window", "60",
                "surety.detector.dedup-retention", "PT24H",
                "surety.detector.provisional-interval", PROVISIONAL_INTERVAL.toString(),
                "surety.detector.agreement-versions", "8"));
        props.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(DetectorConfig.class)
                .withSources(new PropertiesConfigSource(props, "test", 500)).build();
        return new TopologySettings(Topic.MEASUREMENTS.topicName(), Topic.AGREEMENTS.topicName(),
                Topic.BREACHES.topicName(), Topic.COMPLIANCE.topicName(), config.getConfigMapping(DetectorConfig.class));
    }

    static ObjectiveSpec objective(String period, Duration window, String threshold, String target, Duration hold) {
        return new ObjectiveSpec(OBJECTIVE, "Availability", SliKind.RATIO,
                new MetricSelector(null, "checkout", "http_requests", Map.of()), new BigDecimal(target), period,
                window, new BigDecimal(threshold), hold);
    }

    /** An objective of any kind with every field spelled out. */
    static ObjectiveSpec spec(SliKind kind, Comparison comparison, String bound, String percentile, Duration slice,
                              String target, String period, Duration window, String threshold, Duration hold,
                              List<BurnRateRule> rules, NoDataPolicy noData, Duration noDataAfter) {
        return new ObjectiveSpec(OBJECTIVE, "Objective", null, kind,
                new MetricSelector(null, "checkout", "http_requests", Map.of()), comparison,
                bound == null ? null : new BigDecimal(bound), percentile == null ? null : new BigDecimal(percentile),
                slice, new BigDecimal(target), period, window, threshold == null ? null : new BigDecimal(threshold),
                hold, rules, noData, noDataAfter);
    }

    /** A version with a status, the time it took force, and exclusions. */
    static AgreementSnapshot agreement(int version, AgreementStatus status, Instant updatedAt, String timeZone,
                                       Exclusions exclusions, ObjectiveSpec... objectives) {
        return new AgreementSnapshot(AGREEMENT, version, "acme", "Checkout SLA", null, "provider", null, "checkout",
                status, T0, null, timeZone, List.of(objectives), exclusions, null, null, null, updatedAt, null);
    }

    static AgreementSnapshot agreement(int version, String timeZone, ObjectiveSpec... objectives) {
        return new AgreementSnapshot(AGREEMENT, version, "acme", "Checkout SLA", "provider", "checkout",
                AgreementStatus.ACTIVE, T0, null, timeZone, List.of(objectives), null, T0);
    }

    void publish(AgreementSnapshot a) {
        agreements.pipeInput(a.agreementId(), EventCodec.encode(a), a.updatedAt());
    }

    void deleteAgreement(String agreementId) {
        agreements.pipeInput(agreementId, null, T0);
    }

    /** A measurement of the default objective at {@code T0 + offset}. */
    Measurement measure(Duration offset, long good, long total) {
        return measure(AGREEMENT, OBJECTIVE, T0.plus(offset), good, total);
    }

    Measurement measure(String agreementId, String objectiveId, Instant at, long good, long total) {
        Measurement m = new Measurement(UUID.randomUUID().toString(), "raw-" + at, agreementId, 1, objectiveId,
                "acme", at, good, total);
        send(m);
        return m;
    }

    /** A value sample at {@code T0 + offset}: one event, good when {@code good}. */
    Measurement value(Duration offset, double value, boolean good) {
        Instant at = T0.plus(offset);
        Measurement m = new Measurement(UUID.randomUUID().toString(), "raw-" + at, AGREEMENT, 1, OBJECTIVE, "acme",
                at, good ? 1 : 0, 1, value);
        send(m);
        return m;
    }

    void send(Measurement m) {
        measurements.pipeInput(Measurement.key(m.agreementId(), m.objectiveId()), EventCodec.encode(m),
                m.timestamp());
    }

    void sendRaw(String key, byte[] value) {
        measurements.pipeInput(key, value, T0);
    }

    void advanceWallClock(Duration d) {
        driver.advanceWallClockTime(d);
    }

    List<TestRecord<String, byte[]>> breaches() {
        return breaches.readRecordsToList();
    }

    List<TestRecord<String, byte[]>> compliance() {
        return compliance.readRecordsToList();
    }

    /** The compliance records published since the last read, decoded. */
    List<ComplianceRecord> complianceRecords() {
        return compliance().stream().map(r -> data(r, ComplianceRecord.class)).toList();
    }

    /** Only the FINAL compliance records published since the last read. */
    List<ComplianceRecord> finals() {
        return complianceRecords().stream().filter(c -> c.status() == ComplianceStatus.FINAL).toList();
    }

    ObjectiveState state(String key) {
        return driver.<String, ObjectiveState>getKeyValueStore(DetectorTopology.STATE_STORE).get(key);
    }

    static <T> T data(TestRecord<String, byte[]> r, Class<T> type) {
        return EventCodec.decode(r.value(), type);
    }

    static String header(TestRecord<String, byte[]> r, String name) {
        return CloudEvents.header(r.headers(), name);
    }

    @Override
    public void close() {
        driver.close();
    }

    /** Counts every callback, by name (and reason for unknown measurements). */
    static final class CountingMetrics implements DetectorMetrics {
        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

        long count(String name) {
            AtomicLong c = counts.get(name);
            return c == null ? 0 : c.get();
        }

        private void inc(String name) {
            counts.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public void measurementProcessed() {
            inc("processed");
        }

        @Override
        public void measurementLate() {
            inc("late");
        }

        @Override
        public void measurementUnknown(String reason) {
            inc("unknown");
            inc("unknown:" + reason);
        }

        @Override
        public void measurementInvalid() {
            inc("invalid");
        }

        @Override
        public void measurementDuplicate() {
            inc("duplicate");
        }

        @Override
        public void breachOpened() {
            inc("opened");
        }

        @Override
        public void breachResolved() {
            inc("resolved");
        }

        @Override
        public void complianceFinalized() {
            inc("finalized");
        }

        @Override
        public void complianceProvisional() {
            inc("provisional");
        }

        @Override
        public void measurementExcluded() {
            inc("excluded");
        }

        @Override
        public void noDataStarted() {
            inc("nodata-started");
        }

        @Override
        public void noDataEnded() {
            inc("nodata-ended");
        }
    }

    static List<String> types(List<TestRecord<String, byte[]>> records) {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.add(header(r, CloudEvents.H_TYPE)));
        return out;
    }
}
