package dev.surety.detector.streams;

import dev.surety.detector.config.DetectorConfig;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the detector's Kafka Streams topology with the Processor API and explicit serdes:
 * measurements flow through one stateful processor that writes breaches and compliance records;
 * agreements feed a global store it reads. Plain method, so tests build it without CDI.
 */
public final class DetectorTopology {

    /** CloudEvents {@code source} of everything this service publishes. */
    public static final String SOURCE = "/surety/breach-detector";
    /** Per-objective state ({@code agreementId/objectiveId} → binary {@code ObjectiveState}). */
    public static final String STATE_STORE = "objective-state";
    /** Global copy of the agreements topic: {@code agreementId} → the newest versions ({@code AgreementHistory}). */
    public static final String AGREEMENTS_STORE = "agreements";
    /** Ids of applied measurements, by event time, for dropping redelivered duplicates. */
    public static final String SEEN_IDS_STORE = "seen-measurement-ids";
    /** Period history: {@code agreementId/objectiveId/periodStart/hourIndex} → good/valid units of that hour. */
    public static final String HISTORY_STORE = "objective-history";
    /** Breach and no-data episodes: {@code agreementId/objectiveId/start/episodeId} → the episode. */
    public static final String EPISODES_STORE = "objective-episodes";

    static final String MEASUREMENTS_SOURCE = "measurements-source";
    static final String AGREEMENTS_SOURCE = "agreements-source";
    static final String OBJECTIVE_PROCESSOR = "objective-processor";
    static final String AGREEMENTS_PROCESSOR = "agreements-processor";
    static final String BREACHES_SINK = "breaches-sink";
    static final String COMPLIANCE_SINK = "compliance-sink";

    private DetectorTopology() {
    }

    public static Topology build(TopologySettings settings, DetectorMetrics metrics) {
        Topology topology = new Topology();
        DetectorConfig detector = settings.detector();
        // The global thread's agreement writes reach the tasks' wall-clock schedules through this.
        AgreementChanges changes = new AgreementChanges();
        // Early commits after breaches, paced per stream thread (a commit covers all of a thread's tasks).
        CommitThrottle commitThrottle = new CommitThrottle(detector.breachCommitSpacing().toMillis());
        // A commit writes all of a thread's pending changes at its first store flush: one producer round trip, not
        // one per task.
        CommitWrites commitWrites = new CommitWrites();

        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AGREEMENTS_STORE),
                        Serdes.String(), AgreementHistorySerde.create(detector.agreementCacheSize()))
                        .withLoggingDisabled(),
                AGREEMENTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                settings.agreementsTopic(), AGREEMENTS_PROCESSOR,
                () -> new AgreementStoreUpdater(detector.agreementVersions(), changes));

        topology.addSource(MEASUREMENTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                settings.measurementsTopic());
        topology.addProcessor(OBJECTIVE_PROCESSOR,
                () -> new ObjectiveProcessor(settings, metrics, changes, commitThrottle), MEASUREMENTS_SOURCE);
        // Kept decoded and written once per commit (see WriteBackStore) instead of encoded into the
        // record cache on every measurement.
        topology.addStateStore(WriteBackStore.builder(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                                Serdes.String(), ObjectiveStateSerde.create())
                        .withLoggingEnabled(Map.of()), detector.stateCacheSize(), commitWrites),
                OBJECTIVE_PROCESSOR);
        // One changelog record per commit instead of one per measurement (see SeenIdsStore).
        topology.addStateStore(SeenIdsStore.builder(SEEN_IDS_STORE, detector.dedupRetention(), commitWrites),
                OBJECTIVE_PROCESSOR);

        // Hour buckets change with (almost) every measurement: folded decoded until commit, like the states.
        topology.addStateStore(WriteBackStore.builder(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE),
                                Serdes.String(), HistoryStores.hourCountSerde())
                        .withLoggingEnabled(Map.of()), detector.stateCacheSize(), commitWrites),
                OBJECTIVE_PROCESSOR);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EPISODES_STORE),
                                Serdes.String(), HistoryStores.episodeSerde())
                        .withLoggingEnabled(Map.of()),
                OBJECTIVE_PROCESSOR);

        topology.addSink(BREACHES_SINK, settings.breachesTopic(), new StringSerializer(), new ByteArraySerializer(),
                OBJECTIVE_PROCESSOR);
        topology.addSink(COMPLIANCE_SINK, settings.complianceTopic(), new StringSerializer(),
                new ByteArraySerializer(), OBJECTIVE_PROCESSOR);
        return topology;
    }
}
