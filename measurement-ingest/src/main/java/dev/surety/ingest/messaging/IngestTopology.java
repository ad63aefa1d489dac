package dev.surety.ingest.messaging;

import dev.surety.ingest.service.MeasurementRouter;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the measurement-ingest topology. A plain static method, so topology tests need no CDI.
 *
 * <pre>
 * agreements ──▶ [agreement-store-updater] ──▶ global store "agreements" (agreement id → version history)
 * metrics.raw ─▶ [raw-metric-router] ──┬──▶ measurements (key agreementId/objectiveId)
 *     (reads the global store through an   └──▶ metrics.dlq (original key, bytes and headers + reason)
 *      index by service and metric, rebuilt after each store write; own stores
 *      "collectd-rates" and "sample-ids", both changelogged)
 * </pre>
 */
public final class IngestTopology {

    /** The global store of agreement version histories ({@code AgreementHistory}), readable by interactive queries. */
    public static final String AGREEMENT_STORE = "agreements";
    /** CloudEvents {@code source} of every event this service emits. */
    public static final String CE_SOURCE = "/surety/measurement-ingest";
    /** Dead-letter header: human-readable reason naming the offending field. */
    public static final String H_DLQ_REASON = "surety-dlq-reason";
    /** Dead-letter header: {@code <topic>/<partition>@<offset>} of the rejected record. */
    public static final String H_DLQ_SOURCE = "surety-dlq-source";
    /** Dead-letter header: the short category (unparseable, invalid, unsupported-type, tenant-mismatch, processing-error). */
    public static final String H_DLQ_CATEGORY = "surety-dlq-category";

    /**
     * Tenant a raw record was published for, set by the HTTP endpoint from the agent's token. When
     * present, the record may only feed that tenant's agreements.
     */
    public static final String H_TENANT = "surety-tenant";

    /** Task-local store of the previous collectd counter/derive value per identity. */
    public static final String RATE_STORE = "collectd-rates";
    /** Task-local window store of sample ids seen within the de-duplication horizon. */
    public static final String DEDUP_STORE = "sample-ids";
    /** Line-protocol timestamp precision of a raw record written by the HTTP endpoints (ns, us, ms, s). */
    public static final String H_PRECISION = "surety-precision";

    static final String MEASUREMENTS_SINK = "measurements-sink";
    static final String DLQ_SINK = "dlq-sink";

    private IngestTopology() {
    }

    /** Kept for callers of the first slice: every other setting at its default. */
    public static Topology build(IngestTopics topics, Duration maxFutureSkew, IngestListener listener) {
        return build(topics, IngestSettings.defaults(maxFutureSkew), listener);
    }

    /**
     * @param settings the tunables of validation, de-duplication and the version history
     * @param listener receives counts of what happened to each record
     */
    public static Topology build(IngestTopics topics, IngestSettings settings, IngestListener listener) {
        MeasurementRouter router = new MeasurementRouter(settings.maxFutureSkew(), settings.maxAge());
        AgreementStoreChanges changes = new AgreementStoreChanges();
        Topology topology = new Topology();
        // Global: every instance sees every agreement, and it is restored before any task runs. Persistent, so
        // that versions compaction has since removed from the topic survive a restart on the same state dir.
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AGREEMENT_STORE),
                        Serdes.String(), new AgreementHistorySerde()).withLoggingDisabled(),
                "agreements-source",
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                topics.agreements(),
                "agreement-store-updater",
                () -> new AgreementStoreUpdater(AGREEMENT_STORE, settings.maxVersions(), settings.maxAge(), changes));
        // Raw bytes in, so that anything unreadable reaches the dead-letter topic byte for byte.
        topology.addSource("raw-metrics-source",
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                topics.metricsRaw());
        boolean dedup = !settings.dedupHorizon().isZero() && !settings.dedupHorizon().isNegative();
        topology.addProcessor("raw-metric-router",
                () -> new RawMetricProcessor(AGREEMENT_STORE, changes, router, settings, dedup ? DEDUP_STORE : null,
                        listener),
                "raw-metrics-source");
        // The previous value of every collectd counter/derive identity; changelogged, so rates survive restarts.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RATE_STORE),
                Serdes.String(), Serdes.ByteArray()), "raw-metric-router");
        if (dedup) {
            // Sample ids seen within the horizon; segments older than it expire by themselves (changelogged).
            topology.addStateStore(Stores.windowStoreBuilder(Stores.inMemoryWindowStore(DEDUP_STORE,
                    settings.dedupHorizon(), Duration.ofMillis(1), false),
                    Serdes.String(), Serdes.Long()), "raw-metric-router");
        }
        topology.addSink(MEASUREMENTS_SINK, topics.measurements(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer(), "raw-metric-router");
        topology.addSink(DLQ_SINK, topics.metricsDlq(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), "raw-metric-router");
        return topology;
    }
}
