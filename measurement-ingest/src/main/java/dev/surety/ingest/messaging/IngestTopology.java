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
 * agreements ──▶ [agreement-store-updater] ──▶ global store "agreements" (agreement id → snapshot JSON)
 * metrics.raw ─▶ [raw-metric-router] ──┬──▶ measurements (key agreementId/objectiveId)
 *                    (reads the store)  └──▶ metrics.dlq (original key, bytes and headers + reason)
 * </pre>
 */
public final class IngestTopology {

    /** The global store of agreement snapshots, readable by interactive queries. */
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

    static final String MEASUREMENTS_SINK = "measurements-sink";
    static final String DLQ_SINK = "dlq-sink";

    private IngestTopology() {
    }

    /**
     * @param maxFutureSkew how far ahead of the stream's wall clock a sample timestamp may be
     * @param listener      receives counts of what happened to each record
     */
    public static Topology build(IngestTopics topics, Duration maxFutureSkew, IngestListener listener) {
        MeasurementRouter router = new MeasurementRouter(maxFutureSkew);
        Topology topology = new Topology();
        // Global: every instance sees every agreement, and it is restored before any task runs.
        // In memory: the compacted agreements topic is its changelog, replayed in full at start.
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AGREEMENT_STORE),
                        Serdes.String(), new AgreementSnapshotSerde()).withLoggingDisabled(),
                "agreements-source",
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                topics.agreements(),
                "agreement-store-updater",
                () -> new AgreementStoreUpdater(AGREEMENT_STORE));
        // Raw bytes in, so that anything unreadable reaches the dead-letter topic byte for byte.
        topology.addSource("raw-metrics-source",
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                topics.metricsRaw());
        topology.addProcessor("raw-metric-router",
                () -> new RawMetricProcessor(AGREEMENT_STORE, router, listener),
                "raw-metrics-source");
        topology.addSink(MEASUREMENTS_SINK, topics.measurements(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer(), "raw-metric-router");
        topology.addSink(DLQ_SINK, topics.metricsDlq(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), "raw-metric-router");
        return topology;
    }
}
