package dev.surety.ingest.messaging;

import dev.surety.events.CloudEvents;
import dev.surety.events.Measurement;
import dev.surety.ingest.format.CollectdRates;
import dev.surety.ingest.format.CounterPoint;
import dev.surety.ingest.format.DecodeContext;
import dev.surety.ingest.format.Decoded;
import dev.surety.ingest.format.PayloadDecoder;
import dev.surety.ingest.service.AgreementHistory;
import dev.surety.ingest.service.AgreementIndex;
import dev.surety.ingest.service.IngestOutcome;
import dev.surety.ingest.service.MeasurementRouter;
import dev.surety.ingest.service.RejectedException;
import dev.surety.ingest.service.Rejection;
import dev.surety.ingest.service.RejectionCategory;
import dev.surety.ingest.service.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jboss.logging.Logger;

/**
 * Turns one raw record into measurements, or forwards the record untouched to the dead-letter sink. All or nothing
 * per record: nothing is forwarded to measurements, and no state (collectd baselines, seen ids) is changed, until
 * every sample has passed. No exception leaves {@link #process}, so bad input never stops the stream.
 */
final class RawMetricProcessor implements Processor<byte[], byte[], Object, byte[]> {

    private static final Logger LOG = Logger.getLogger(RawMetricProcessor.class);
    private static final String AGENT_SOURCE_PREFIX = "/agents/";

    private final String storeName;
    private final AgreementStoreChanges changes;
    private final MeasurementRouter router;
    private final IngestSettings settings;
    private final String dedupStoreName;
    private final IngestListener listener;
    private ProcessorContext<Object, byte[]> context;
    private KeyValueStore<String, AgreementHistory> agreements;
    private KeyValueStore<String, byte[]> rates;
    private WindowStore<String, Long> seenIds;
    /** Derived from the agreement store at {@link #indexGeneration}; never the only copy of anything. */
    private AgreementIndex index;
    private long indexGeneration;

    RawMetricProcessor(String storeName, AgreementStoreChanges changes, MeasurementRouter router,
                       IngestSettings settings, String dedupStoreName, IngestListener listener) {
        this.storeName = storeName;
        this.changes = changes;
        this.router = router;
        this.settings = settings;
        this.dedupStoreName = dedupStoreName;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<Object, byte[]> context) {
        this.context = context;
        this.agreements = context.getStateStore(storeName);
        this.rates = context.getStateStore(IngestTopology.RATE_STORE);
        this.seenIds = dedupStoreName == null ? null : context.getStateStore(dedupStoreName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        listener.received();
        String origin = origin();
        Staged staged = new Staged();
        IngestOutcome outcome;
        int duplicates = 0;
        try {
            Dedup dedup = new Dedup(record);
            outcome = route(record, origin, staged, dedup);
            duplicates = dedup.dropped;
            if (outcome instanceof IngestOutcome.Routed) {
                staged.commit();
                dedup.commit();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not route raw record %s; dead-lettering it", origin);
            outcome = new IngestOutcome.Rejected(new Rejection(RejectionCategory.PROCESSING_ERROR,
                    "internal error while routing; see the measurement-ingest log for " + origin));
        }
        if (outcome instanceof IngestOutcome.Rejected rejected) {
            deadLetter(record, origin, rejected.rejection());
        } else if (outcome instanceof IngestOutcome.Routed routed) {
            for (Measurement m : routed.measurements()) {
                emit(m);
            }
            listener.produced(routed.measurements().size());
            if (routed.unmatched() > 0) {
                LOG.debugf("%d sample(s) of %s matched no agreement in force", routed.unmatched(), origin);
                listener.unmatched(routed.unmatched());
            }
            if (routed.excluded() > 0) {
                listener.excluded(routed.excluded());
            }
            if (duplicates > 0) {
                listener.duplicates(duplicates);
            }
        }
    }

    private IngestOutcome route(Record<byte[], byte[]> record, String origin, Staged staged, Dedup dedup) {
        byte[] value = record.value();
        if (value != null && value.length > settings.maxRecordSize()) {
            return MeasurementRouter.reject(RejectionCategory.TOO_LARGE, "payload has " + value.length
                    + " bytes; at most " + settings.maxRecordSize() + " are accepted");
        }
        Headers h = record.headers();
        // The wall clock of the stream (mock time under TopologyTestDriver) judges sample timestamps.
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        String tenant = CloudEvents.header(h, IngestTopology.H_TENANT);
        String ceSource = CloudEvents.header(h, CloudEvents.H_SOURCE);
        String agent = ceSource != null && ceSource.startsWith(AGENT_SOURCE_PREFIX)
                ? ceSource.substring(AGENT_SOURCE_PREFIX.length()) : null;
        DecodeContext ctx = new DecodeContext(CloudEvents.header(h, IngestTopology.H_PRECISION), agent,
                Instant.ofEpochMilli(record.timestamp()), settings.formats());
        Decoded decoded;
        try {
            decoded = PayloadDecoder.decode(CloudEvents.header(h, CloudEvents.H_TYPE),
                    CloudEvents.header(h, CloudEvents.H_CONTENT_TYPE), value, ctx);
        } catch (RejectedException e) {
            return MeasurementRouter.reject(e.rejection().category(), e.rejection().reason());
        }
        // Validate every point, including collectd baselines that yield no sample yet.
        List<Sample> toValidate = new ArrayList<>(decoded.samples());
        for (CounterPoint p : decoded.counters()) {
            toValidate.add(new Sample(p.index(), p.path(), p.template(), List.of()));
        }
        toValidate.sort(Comparator.comparingInt(Sample::index));
        List<String> problems = router.validate(toValidate, now);
        if (!problems.isEmpty()) {
            return MeasurementRouter.reject(RejectionCategory.INVALID, String.join("; ", problems));
        }
        List<Sample> samples = new ArrayList<>(decoded.samples());
        samples.addAll(CollectdRates.convert(decoded.counters(), staged));
        samples.sort(Comparator.comparingInt(Sample::index));
        List<Sample> fresh = dedup.filter(samples, tenant);
        return router.route(fresh, tenant, origin, fresh.isEmpty() ? AgreementIndex.EMPTY : agreementIndex());
    }

    /**
     * The routing index of the agreement store, rebuilt only when the store was written since: reading every
     * agreement from the store for every record was a large share of the cost per record.
     */
    private AgreementIndex agreementIndex() {
        long generation = changes.generation();
        if (index == null || generation != indexGeneration) {
            List<AgreementHistory> all = new ArrayList<>();
            try (KeyValueIterator<String, AgreementHistory> it = agreements.all()) {
                it.forEachRemaining(kv -> all.add(kv.value));
            }
            index = AgreementIndex.of(all);
            indexGeneration = generation;
        }
        return index;
    }

    /**
     * collectd baselines read through to the store, written to it only when the record is routed. The store keeps a
     * short history per identity ({@link RateHistory}), so that a record processed again after a crash is judged by
     * the baseline it had the first time, not by the one it set itself.
     */
    private final class Staged implements CollectdRates.State {
        private final long offset;
        private final Map<String, CollectdRates.Previous> pending = new HashMap<>();
        private final Map<String, RateHistory> loaded = new HashMap<>();

        Staged() {
            this.offset = context.recordMetadata().map(RecordMetadata::offset).orElse(Long.MAX_VALUE);
        }

        @Override
        public CollectdRates.Previous get(String identity) {
            CollectdRates.Previous p = pending.get(identity);
            return p != null ? p : history(identity).before(offset);
        }

        @Override
        public void put(String identity, CollectdRates.Previous previous) {
            pending.put(identity, previous);
        }

        private RateHistory history(String identity) {
            return loaded.computeIfAbsent(identity, k -> RateHistory.decode(rates.get(k)));
        }

        void commit() {
            pending.forEach((k, v) -> {
                RateHistory h = history(k);
                // Already holds this record's value (and maybe later ones): it is being processed again.
                if (!h.setAtOrAfter(offset)) {
                    // Without a known offset (never for records read from a topic) the value counts as old.
                    rates.put(k, h.with(v, offset == Long.MAX_VALUE ? -1 : offset).encode());
                }
            });
        }
    }

    /**
     * Drops samples whose id was seen within the horizon (or earlier in the same record), keyed by the publishing
     * tenant and the id; remembers the others once the record is routed. The horizon is measured on record
     * timestamps (when the agent, or the HTTP endpoint, wrote the record).
     *
     * <p>Each remembered id holds the offset of the raw record that was accepted with it (the store is per task,
     * that is per raw partition). A record that finds only its own offset is being processed again after a crash
     * (under at-least-once the store's changelog may be ahead of the committed input offset): it is not a duplicate
     * of itself, and its measurements are produced again with the same ids. Entries written before offsets were
     * kept hold a record timestamp, which is never a raw offset of the same partition in practice, so they still
     * count as another record.
     */
    private final class Dedup {
        private final long time;
        private final long offset;
        private final Set<String> pending = new HashSet<>();
        int dropped;

        Dedup(Record<byte[], byte[]> record) {
            this.time = record.timestamp();
            this.offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        }

        List<Sample> filter(List<Sample> samples, String tenant) {
            if (seenIds == null) {
                return samples;
            }
            long horizon = settings.dedupHorizon().toMillis();
            List<Sample> fresh = new ArrayList<>();
            for (Sample s : samples) {
                String id = s.metric().id();
                if (id == null || id.isBlank()) {
                    fresh.add(s);
                    continue;
                }
                String key = (tenant == null ? "" : tenant) + "|" + id;
                boolean seen = pending.contains(key);
                if (!seen) {
                    seen = seenByAnotherRecord(key, horizon);
                }
                if (seen) {
                    dropped++;
                } else {
                    pending.add(key);
                    fresh.add(s);
                }
            }
            return fresh;
        }

        private boolean seenByAnotherRecord(String key, long horizon) {
            boolean other = false;
            try (WindowStoreIterator<Long> it = seenIds.fetch(key, Instant.ofEpochMilli(Math.max(0, time - horizon)),
                    Instant.ofEpochMilli(time + horizon))) {
                while (it.hasNext()) {
                    Long acceptedAt = it.next().value;
                    if (offset >= 0 && acceptedAt != null && acceptedAt == offset) {
                        return false; // this very record, accepted before a crash: produce it again
                    }
                    other = true;
                }
            }
            return other;
        }

        void commit() {
            for (String key : pending) {
                seenIds.put(key, offset, time);
            }
        }
    }

    private void emit(Measurement m) {
        String key = Measurement.key(m.agreementId(), m.objectiveId());
        String time = MeasurementEncoding.time(m.timestamp());
        // Event time travels on: the output record's timestamp is the sample's.
        context.forward(new Record<Object, byte[]>(key, MeasurementEncoding.value(m, time),
                m.timestamp().toEpochMilli(), MeasurementEncoding.headers(m, key, time)), IngestTopology.MEASUREMENTS_SINK);
    }

    private void deadLetter(Record<byte[], byte[]> record, String origin, Rejection rejection) {
        LOG.debugf("Dead-lettering %s (%s): %s", origin, rejection.category().tag(), rejection.reason());
        // A copy: the input headers object is shared with any other child of this record.
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(IngestTopology.H_DLQ_REASON, rejection.reason().getBytes(StandardCharsets.UTF_8));
        headers.add(IngestTopology.H_DLQ_CATEGORY, rejection.category().tag().getBytes(StandardCharsets.UTF_8));
        headers.add(IngestTopology.H_DLQ_SOURCE, origin.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<Object, byte[]>(record.key(), record.value(), record.timestamp(), headers),
                IngestTopology.DLQ_SINK);
        listener.deadLettered(rejection.category());
    }

    private String origin() {
        return context.recordMetadata()
                .map(RawMetricProcessor::origin)
                .orElse("unknown");
    }

    private static String origin(RecordMetadata md) {
        return md.topic() + "/" + md.partition() + "@" + md.offset();
    }
}
