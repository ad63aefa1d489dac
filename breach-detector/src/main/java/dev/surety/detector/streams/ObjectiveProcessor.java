package dev.surety.detector.streams;

import dev.surety.detector.AgreementHistory;
import dev.surety.detector.Emission;
import dev.surety.detector.ObjectiveEngine;
import dev.surety.detector.ObjectiveState;
import dev.surety.detector.Objectives;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
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
 * state back. Wall-clock punctuators scan the store: one finalizes periods, detects silent sources
 * and resolves breaches of inactive agreements; the other publishes PROVISIONAL compliance.
 */
final class ObjectiveProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = Logger.getLogger(ObjectiveProcessor.class);

    private final TopologySettings settings;
    private final ObjectiveEngine engine;
    private final DetectorMetrics metrics;

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, ObjectiveState> states;
    private KeyValueStore<String, AgreementHistory> agreements;
    private WindowStore<String, Long> seenIds;
    private HistoryStores periodHistory;

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
        this.periodHistory = new HistoryStores(context.getStateStore(DetectorTopology.HISTORY_STORE),
                context.getStateStore(DetectorTopology.EPISODES_STORE));
        context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
        context.schedule(settings.provisionalInterval(), PunctuationType.WALL_CLOCK_TIME, this::onProvisional);
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
        AgreementHistory history = agreements.get(m.agreementId());
        if (history == null) {
            unknown(key, m, "unknown-agreement");
            return;
        }
        // Judged by the version in force at the measurement's own time.
        AgreementSnapshot agreement = history.inForce(t);
        ObjectiveSpec objective = agreement.objective(m.objectiveId());
        if (agreement.status() != AgreementStatus.ACTIVE) {
            unknown(key, m, "agreement-inactive");
            resolveIfInactive(key, history);
            return;
        }
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
        if (objective.sliKind() == SliKind.PERCENTILE && m.value() == null) {
            invalid(key, "a PERCENTILE objective needs measurements with a value");
            return;
        }

        ObjectiveState state = states.get(key);
        if (state == null) {
            state = new ObjectiveState(m.agreementId(), m.objectiveId());
        }
        ObjectiveEngine.Outcome outcome = engine.onMeasurement(state, key, history, agreement, objective,
                new ObjectiveEngine.Sample(t, m.good(), m.total(), m.value()), context.currentSystemTimeMs());
        if (outcome.verdict() == ObjectiveEngine.Verdict.LATE) {
            metrics.measurementLate();
            LOG.warnf("late measurement %s for %s at %s: period %s..%s (or its time slice) is final; not applied",
                    m.id(), key, m.timestamp(), outcome.period().startInstant(), outcome.period().endInstant());
            return;
        }
        forward(key, outcome.emissions());
        periodHistory.apply(key, state.drainHistory());
        states.put(key, state);
        if (m.id() != null) {
            seenIds.put(m.id(), t, t);
        }
        if (outcome.verdict() == ObjectiveEngine.Verdict.EXCLUDED) {
            metrics.measurementExcluded();
        } else {
            metrics.measurementProcessed();
        }
    }

    private void resolveIfInactive(String key, AgreementHistory history) {
        ObjectiveState state = states.get(key);
        if (state == null) {
            return;
        }
        List<Emission> out = new ArrayList<>();
        engine.resolveIfInactive(state, key, history, out);
        if (!out.isEmpty()) {
            forward(key, out);
            periodHistory.apply(key, state.drainHistory());
            states.put(key, state);
        }
    }

    /**
     * For every objective of this task: resolves breaches of agreements no longer active or cut by
     * maintenance, follows silent sources and closes the periods that wall-clock time made final.
     */
    private void onWallClock(long wallMs) {
        scan((key, state, history) -> {
            List<Emission> out = engine.onWallClock(state, key, history, wallMs);
            // Silent time is accounted into the state even when nothing is published.
            return new Scan(out, !out.isEmpty() || state.noData() != null);
        });
    }

    /** Publishes PROVISIONAL compliance of every objective whose open periods changed. */
    private void onProvisional(long wallMs) {
        scan((key, state, history) -> {
            List<Emission> out = engine.onProvisional(state, key, history, wallMs);
            return new Scan(out, !out.isEmpty());
        });
    }

    private record Scan(List<Emission> emissions, boolean changed) {
    }

    private interface Visitor {
        Scan visit(String key, ObjectiveState state, AgreementHistory history);
    }

    private void scan(Visitor visitor) {
        List<KeyValue<String, ObjectiveState>> changed = new ArrayList<>();
        List<List<Emission>> emitted = new ArrayList<>();
        // Writes wait until the iterator is closed, so the scan never sees its own updates.
        try (KeyValueIterator<String, ObjectiveState> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, ObjectiveState> kv = all.next();
                AgreementHistory history = agreements.get(kv.value.agreementId());
                if (history == null) {
                    // Deleted agreement: nothing to judge against; the state stays.
                    continue;
                }
                Scan result = visitor.visit(kv.key, kv.value, history);
                if (result.changed()) {
                    changed.add(kv);
                    emitted.add(result.emissions());
                }
            }
        }
        for (int i = 0; i < changed.size(); i++) {
            forward(changed.get(i).key, emitted.get(i));
            periodHistory.apply(changed.get(i).key, changed.get(i).value.drainHistory());
            states.put(changed.get(i).key, changed.get(i).value);
        }
    }

    private void forward(String key, List<Emission> emissions) {
        for (Emission e : emissions) {
            periodHistory.record(key, e);
            RecordHeaders headers = new RecordHeaders();
            CloudEvents.write(headers, e.type(), e.id(), DetectorTopology.SOURCE, e.time(), key);
            Record<String, byte[]> out = new Record<>(key, EventCodec.encode(e.event()), e.time().toEpochMilli(),
                    headers);
            if (e.type() == EventType.COMPLIANCE) {
                context.forward(out, DetectorTopology.COMPLIANCE_SINK);
                if (((ComplianceRecord) e.event()).status() == ComplianceStatus.FINAL) {
                    metrics.complianceFinalized();
                } else {
                    metrics.complianceProvisional();
                }
                continue;
            }
            context.forward(out, DetectorTopology.BREACHES_SINK);
            switch (e.type()) {
                case BREACH_OPENED -> metrics.breachOpened();
                case BREACH_RESOLVED -> metrics.breachResolved();
                case NO_DATA_STARTED -> metrics.noDataStarted();
                case NO_DATA_ENDED -> metrics.noDataEnded();
                default -> {
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
