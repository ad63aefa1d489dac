package dev.surety.detector.streams;

import dev.surety.detector.Emission;
import dev.surety.detector.ObjectiveEngine;
import dev.surety.detector.ObjectiveState;
import dev.surety.detector.Objectives;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import dev.surety.events.ObjectiveSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.jboss.logging.Logger;

/**
 * Judges the measurements of the objectives on one partition: reads the objective's state from
 * the store, lets {@link ObjectiveEngine} decide, forwards the resulting events and writes the
 * state back. A wall-clock punctuator finalizes periods of objectives whose agents went quiet.
 */
final class ObjectiveProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = Logger.getLogger(ObjectiveProcessor.class);

    private final TopologySettings settings;
    private final ObjectiveEngine engine;
    private final DetectorMetrics metrics;

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, ObjectiveState> states;
    private KeyValueStore<String, AgreementSnapshot> agreements;
    private WindowStore<String, Long> seenIds;

    ObjectiveProcessor(TopologySettings settings, DetectorMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.engine = new ObjectiveEngine(settings.grace(), settings.minBucketSize(), settings.bucketsPerWindow());
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.states = context.getStateStore(DetectorTopology.STATE_STORE);
        this.agreements = context.getStateStore(DetectorTopology.AGREEMENTS_STORE);
        this.seenIds = context.getStateStore(DetectorTopology.SEEN_IDS_STORE);
        context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::finalizeQuietObjectives);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String key = record.key();
        Measurement m;
        try {
            m = EventCodec.decode(record.value(), Measurement.class);
        } catch (IllegalArgumentException e) {
            invalid(key, "unreadable measurement: " + e.getMessage());
            return;
        }
        String contractProblem = contractProblem(key, m);
        if (contractProblem != null) {
            invalid(key, contractProblem);
            return;
        }
        long t = m.timestamp().toEpochMilli();
        if (m.id() != null && seenIds.fetch(m.id(), t) != null) {
            metrics.measurementDuplicate();
            LOG.debugf("duplicate measurement %s for %s dropped", m.id(), key);
            return;
        }
        AgreementSnapshot agreement = agreements.get(m.agreementId());
        if (agreement == null) {
            unknown(key, m, "unknown-agreement");
            return;
        }
        ObjectiveSpec objective = agreement.objective(m.objectiveId());
        if (objective == null) {
            unknown(key, m, "unknown-objective");
            return;
        }
        String problem = Objectives.problem(agreement, objective);
        if (problem != null) {
            LOG.warnf("objective %s of agreement %s version %d cannot be judged: %s", m.objectiveId(),
                    m.agreementId(), agreement.version(), problem);
            unknown(key, m, "unjudgeable-objective");
            return;
        }
        if (!Objectives.inEffect(agreement, t)) {
            unknown(key, m, "outside-effective-dates");
            return;
        }

        ObjectiveState state = states.get(key);
        if (state == null) {
            state = new ObjectiveState(m.agreementId(), m.objectiveId());
        }
        ObjectiveEngine.Outcome outcome = engine.onMeasurement(state, key, agreement, objective, t, m.good(),
                m.total(), context.currentSystemTimeMs());
        if (outcome.verdict() == ObjectiveEngine.Verdict.LATE) {
            metrics.measurementLate();
            LOG.warnf("late measurement %s for %s at %s: period %s..%s is final; not applied", m.id(), key,
                    m.timestamp(), outcome.period().startInstant(), outcome.period().endInstant());
            return;
        }
        forward(key, outcome.emissions());
        states.put(key, state);
        if (m.id() != null) {
            seenIds.put(m.id(), t, t);
        }
        metrics.measurementProcessed();
    }

    /** Closes the periods that wall-clock time made final, for every objective of this task. */
    private void finalizeQuietObjectives(long wallMs) {
        List<KeyValue<String, ObjectiveState>> changed = new ArrayList<>();
        List<KeyValue<String, List<Emission>>> emitted = new ArrayList<>();
        // Writes wait until the iterator is closed, so the scan never sees its own updates.
        try (KeyValueIterator<String, ObjectiveState> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, ObjectiveState> kv = all.next();
                ObjectiveState state = kv.value;
                if (state.openPeriods().isEmpty()) {
                    continue;
                }
                AgreementSnapshot agreement = agreements.get(state.agreementId());
                ObjectiveSpec objective = agreement == null ? null : agreement.objective(state.objectiveId());
                if (objective == null || Objectives.problem(agreement, objective) != null) {
                    // Deleted agreement or objective: nothing to judge the period against; the state stays.
                    continue;
                }
                List<Emission> out = engine.onWallClock(state, kv.key, agreement, objective, wallMs);
                if (!out.isEmpty()) {
                    changed.add(KeyValue.pair(kv.key, state));
                    emitted.add(KeyValue.pair(kv.key, out));
                }
            }
        }
        for (int i = 0; i < changed.size(); i++) {
            forward(emitted.get(i).key, emitted.get(i).value);
            states.put(changed.get(i).key, changed.get(i).value);
        }
    }

    private void forward(String key, List<Emission> emissions) {
        for (Emission e : emissions) {
            RecordHeaders headers = new RecordHeaders();
            CloudEvents.write(headers, e.type(), e.id(), DetectorTopology.SOURCE, e.time(), key);
            Record<String, byte[]> out = new Record<>(key, EventCodec.encode(e.event()), e.time().toEpochMilli(),
                    headers);
            if (e.type() == EventType.COMPLIANCE) {
                context.forward(out, DetectorTopology.COMPLIANCE_SINK);
                metrics.complianceFinalized();
            } else {
                context.forward(out, DetectorTopology.BREACHES_SINK);
                if (e.type() == EventType.BREACH_OPENED) {
                    metrics.breachOpened();
                } else {
                    metrics.breachResolved();
                }
            }
        }
    }

    private static String contractProblem(String key, Measurement m) {
        if (m.agreementId() == null || m.objectiveId() == null || m.timestamp() == null) {
            return "agreementId, objectiveId and timestamp are required";
        }
        if (!Measurement.key(m.agreementId(), m.objectiveId()).equals(key)) {
            return "record key does not match agreementId/objectiveId";
        }
        if (m.good() < 0 || m.total() < 0 || m.good() > m.total()) {
            return "counts must satisfy 0 <= good <= total";
        }
        return null;
    }

    private void invalid(String key, String why) {
        metrics.measurementInvalid();
        LOG.warnf("invalid measurement for key %s skipped: %s", key, why);
    }

    private void unknown(String key, Measurement m, String reason) {
        metrics.measurementUnknown(reason);
        LOG.warnf("measurement %s for %s at %s skipped: %s", m.id(), key, m.timestamp(), reason);
    }
}
