package dev.surety.detector.streams;

import dev.surety.detector.AgreementHistory;
import dev.surety.detector.Emission;
import dev.surety.detector.ObjectiveEngine;
import dev.surety.detector.ObjectiveState;
import dev.surety.detector.Objectives;
import dev.surety.detector.config.DetectorConfig;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Judges the measurements of the objectives on one partition: reads the objective's state from
 * the store, lets {@link ObjectiveEngine} decide, forwards the resulting events and writes the
 * state back. Two wall-clock punctuators: one finalizes periods, detects silent sources, cuts
 * breaches at maintenance and resolves breaches of inactive agreements — only for the objectives
 * its schedule says are due —, the other publishes PROVISIONAL compliance of the objectives that
 * changed, each objective at its own phase of the interval (see {@link #slotOf(String, int)}). A breach event asks
 * Kafka Streams to commit right after the records at hand (at most once per breach-commit-spacing), so
 * readers see it without waiting out the commit interval.
 */
final class ObjectiveProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = Logger.getLogger(ObjectiveProcessor.class);
    /** Upper bound of the slots a PROVISIONAL round is spread over (an hour of one-second steps). */
    private static final long MAX_SLOTS = 3600;

    private final TopologySettings settings;
    private final ObjectiveEngine engine;
    private final DetectorMetrics metrics;

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, ObjectiveState> states;
    private KeyValueStore<String, AgreementHistory> agreements;
    private SeenIdsStore seenIds;
    private HistoryStores periodHistory;

    private final AgreementChanges agreementChanges;
    /** Objectives one wall-clock punctuation visits at most. */
    private final int wallClockVisits;
    /** When each objective of this task is next due for the wall-clock punctuation. */
    private final WallClockSchedule schedule = new WallClockSchedule();
    /**
     * PROVISIONAL rounds are spread over {@code slots} steps of the interval: an objective belongs to the slot its
     * key hashes to and is published when that slot's turn comes, once per interval. One slot (spreading off, or an
     * interval no longer than the punctuation interval) is the whole round at once, served by the same turns.
     */
    private final int slots;
    private final long provisionalMs;
    /** By slot: objectives written since their slot's last turn (or left dirty by it). */
    private final List<Set<String>> provisionalCandidates;
    /**
     * The last slot turn taken, {@link Long#MIN_VALUE} before the first. Turns are counted from the epoch: turn
     * {@code i} is due at wall-clock {@code i * interval / slots} and serves slot {@code i mod slots}, so an
     * objective's records come at the same moment of every interval (with the defaults: the same second of every
     * minute), whichever task or instance owns it.
     */
    private long lastTurn;
    private boolean fullWallClockVisit;
    private boolean fullProvisionalVisit;
    /** A breach requests an early commit at most once per breach-commit-spacing per stream thread. */
    private final CommitThrottle commitThrottle;

    ObjectiveProcessor(TopologySettings settings, DetectorMetrics metrics, AgreementChanges agreementChanges,
            CommitThrottle commitThrottle) {
        this.settings = settings;
        DetectorConfig detector = settings.detector();
        this.metrics = metrics;
        this.agreementChanges = agreementChanges;
        this.engine = new ObjectiveEngine(detector.grace(), detector.minBucketSize(), detector.bucketsPerWindow());
        this.wallClockVisits = Math.max(1, detector.wallClockVisits());
        this.provisionalMs = Math.max(1, detector.provisionalInterval().toMillis());
        this.commitThrottle = commitThrottle;
        long steps = provisionalMs / Math.max(1, detector.punctuateInterval().toMillis());
        this.slots = detector.provisionalSpread() ? (int) Math.max(1, Math.min(steps, MAX_SLOTS)) : 1;
        this.provisionalCandidates = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            provisionalCandidates.add(new HashSet<>());
        }
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.states = context.getStateStore(DetectorTopology.STATE_STORE);
        this.agreements = context.getStateStore(DetectorTopology.AGREEMENTS_STORE);
        this.seenIds = context.getStateStore(DetectorTopology.SEEN_IDS_STORE);
        this.periodHistory = new HistoryStores(context.getStateStore(DetectorTopology.HISTORY_STORE),
                context.getStateStore(DetectorTopology.EPISODES_STORE));
        // Also called again when the task is revived after an aborted transaction: nothing scheduled
        // before may be trusted, so every objective is looked at afresh (the stores forget what they
        // held decoded, see WriteBackStore).
        schedule.clear();
        provisionalCandidates.forEach(Set::clear);
        fullWallClockVisit = true;
        fullProvisionalVisit = true;
        agreementChanges.subscribe(this);
        context.schedule(settings.detector().punctuateInterval(), PunctuationType.WALL_CLOCK_TIME,
                wallMs -> timed("wall-clock", wallMs, this::onWallClock));
        lastTurn = Long.MIN_VALUE;
        context.schedule(Duration.ofMillis(Math.max(1, provisionalMs / slots)), PunctuationType.WALL_CLOCK_TIME,
                wallMs -> timed("provisional", wallMs, this::onProvisionalTurns));
    }

    @Override
    public void close() {
        agreementChanges.unsubscribe(this);
        schedule.clear();
        provisionalCandidates.forEach(Set::clear);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String key = record.key();
        Measurement m;
        try {
            m = MeasurementReader.read(record.value());
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
        if (m.id() != null && seenIds.seen(m.id(), t)) {
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
        ObjectiveEngine.Lookup lookup = engine.lookup(agreement, m.objectiveId());
        ObjectiveSpec objective = lookup.spec();
        if (agreement.status() != AgreementStatus.ACTIVE) {
            unknown(key, m, "agreement-inactive");
            resolveIfInactive(key, history);
            return;
        }
        if (objective == null) {
            unknown(key, m, "unknown-objective");
            return;
        }
        String problem = lookup.problem();
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

        ObjectiveState state = load(key);
        if (state == null) {
            state = new ObjectiveState(m.agreementId(), m.objectiveId());
        }
        long wallMs = context.currentSystemTimeMs();
        ObjectiveEngine.Outcome outcome = engine.onMeasurement(state, key, history, agreement, objective,
                new ObjectiveEngine.Sample(t, m.good(), m.total(), m.value()), wallMs);
        if (outcome.verdict() == ObjectiveEngine.Verdict.LATE) {
            metrics.measurementLate();
            LOG.warnf("late measurement %s for %s at %s: period %s..%s (or its time slice) is final; not applied",
                    m.id(), key, m.timestamp(), outcome.period().startInstant(), outcome.period().endInstant());
            return;
        }
        write(key, state, outcome.emissions());
        scheduleNoLater(key, engine.nextWallClock(state, history, wallMs));
        if (m.id() != null) {
            seenIds.add(m.id(), t);
        }
        if (outcome.verdict() == ObjectiveEngine.Verdict.EXCLUDED) {
            metrics.measurementExcluded();
        } else {
            metrics.measurementProcessed();
        }
    }

    /** Runs a punctuation; at DEBUG, one taking 2 ms or more is logged with its start (for latency traces). */
    private void timed(String what, long wallMs, LongConsumer punctuation) {
        if (!LOG.isDebugEnabled()) {
            punctuation.accept(wallMs);
            return;
        }
        long start = System.nanoTime();
        punctuation.accept(wallMs);
        long micros = (System.nanoTime() - start) / 1000;
        if (micros >= 2000) {
            LOG.debugf("trace punctuation=%s task=%s start_ms=%d took_us=%d", what, context.taskId(),
                    System.currentTimeMillis() - micros / 1000, micros);
        }
    }

    private void resolveIfInactive(String key, AgreementHistory history) {
        ObjectiveState state = load(key);
        if (state == null) {
            return;
        }
        List<Emission> out = new ArrayList<>();
        engine.resolveIfInactive(state, key, history, out);
        if (!out.isEmpty()) {
            write(key, state, out);
            scheduleNoLater(key, engine.nextWallClock(state, history, context.currentSystemTimeMs()));
        }
    }

    /**
     * For the objectives of this task that are due (see {@link WallClockSchedule}): resolves
     * breaches of agreements no longer active or cut by maintenance, follows silent sources and
     * closes the periods that wall-clock time made final. After the task starts every objective is
     * due (so the schedule gets built); objectives of agreements that got a new version are due at
     * the next punctuation. One punctuation visits at most {@code wall-clock-visits} objectives, the
     * earliest due; the rest come first in the next one, as if the punctuation had come later for them.
     */
    private void onWallClock(long wallMs) {
        for (String agreementId : agreementChanges.take(this)) {
            dueAgain(agreementId, wallMs);
        }
        if (fullWallClockVisit) {
            fullWallClockVisit = false;
            schedule.clear();
            for (String key : allKeys()) {
                schedule.set(key, wallMs);
            }
        }
        List<String> due = schedule.takeDue(wallMs, wallClockVisits);
        // Visited in key order, as a scan of the store would: the published order does not depend on the schedule.
        due.sort(null);
        for (String key : due) {
            ObjectiveState state = load(key);
            if (state == null) {
                continue;
            }
            AgreementHistory history = agreements.get(state.agreementId());
            if (history == null) {
                // Deleted agreement: nothing to judge against; the state stays, unscheduled until it returns.
                continue;
            }
            List<Emission> out = engine.onWallClock(state, key, history, wallMs);
            // Silent time is accounted into the state even when nothing is published.
            if (!out.isEmpty() || state.noData() != null) {
                write(key, state, out);
            }
            schedule.set(key, engine.nextWallClock(state, history, wallMs));
        }
    }

    /**
     * After a measurement: moves the objective's deadline earlier if needed, never later. A deadline
     * left too early only costs a visit that finds nothing and sets the exact one; moving it on
     * every measurement (the no-data deadline follows the stream time) cost a sorted-set removal and
     * insertion per measurement.
     */
    private void scheduleNoLater(String key, long at) {
        if (at < schedule.at(key)) {
            schedule.set(key, at);
        }
    }

    /** Every objective of {@code agreementId} in this task becomes due now. */
    private void dueAgain(String agreementId, long wallMs) {
        List<String> keys = new ArrayList<>();
        // Keys are agreementId/objectiveId; an agreement whose id extends this one's with "/" matches too: harmless.
        try (KeyValueIterator<String, ObjectiveState> it = states.prefixScan(agreementId + "/", new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, ObjectiveState> kv = it.next();
                if (agreementId.equals(kv.value.agreementId())) {
                    keys.add(kv.key);
                }
            }
        }
        for (String key : keys) {
            schedule.set(key, wallMs);
        }
    }

    /**
     * Takes every slot turn due by {@code wallMs} since the last one, in order, so a punctuation that came late (the
     * stream thread was busy, Kafka Streams skips missed punctuations) still serves the slots it passed; after a whole
     * interval or more without a punctuation each slot is served once. The first punctuation after the task starts
     * takes only the turn due then. With one slot (spreading off) every turn is the whole round and the punctuation
     * comes once per interval (from one interval after the task started), so each serves the round; one late enough
     * to cross into the epoch's next interval takes that interval's turn early, and the round after it comes an
     * interval later (the next punctuation finds its turn taken).
     */
    private void onProvisionalTurns(long wallMs) {
        seedAfterStart();
        long turn = Math.floorDiv(wallMs * slots, provisionalMs);
        if (turn <= lastTurn) {
            return;
        }
        long first = lastTurn == Long.MIN_VALUE ? turn : Math.max(lastTurn + 1, turn - slots + 1);
        lastTurn = turn;
        for (long t = first; t <= turn; t++) {
            publishSlot((int) Math.floorMod(t, (long) slots), wallMs);
        }
    }

    /** After the task starts every objective is a candidate once (nothing is known about what was published). */
    private void seedAfterStart() {
        if (fullProvisionalVisit) {
            fullProvisionalVisit = false;
            for (String key : allKeys()) {
                provisionalCandidates.get(slotOf(key)).add(key);
            }
        }
    }

    /** The slot of the PROVISIONAL round an objective's records are published in: fixed by its key. */
    private int slotOf(String key) {
        return slotOf(key, slots);
    }

    /** The slot of {@code key} among {@code slots}. */
    static int slotOf(String key, int slots) {
        return slots == 1 ? 0 : Math.floorMod(key.hashCode(), slots);
    }

    /**
     * Publishes PROVISIONAL compliance of every objective of {@code slot} whose open periods changed: those written
     * since the slot's last turn (and those left dirty by it); after the task starts, every objective of the slot.
     */
    private void publishSlot(int slot, long wallMs) {
        Set<String> candidates = provisionalCandidates.get(slot);
        if (candidates.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(candidates);
        keys.sort(null);
        candidates.clear();
        for (String key : keys) {
            ObjectiveState state = load(key);
            if (state == null) {
                continue;
            }
            AgreementHistory history = agreements.get(state.agreementId());
            if (history == null) {
                continue;
            }
            List<Emission> out = engine.onProvisional(state, key, history, wallMs);
            if (!out.isEmpty()) {
                write(key, state, out);
            }
            // Published (write() made it a candidate again) or untouched: next turn only if still dirty, e.g.
            // because no version could judge a period yet — tried again next turn, as before.
            boolean dirty = false;
            for (ObjectiveState.Tally t : state.openPeriods()) {
                dirty |= t.dirty();
            }
            if (dirty) {
                candidates.add(key);
            } else {
                candidates.remove(key);
            }
        }
    }

    private List<String> allKeys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ObjectiveState> all = states.all()) {
            while (all.hasNext()) {
                keys.add(all.next().key);
            }
        }
        return keys;
    }

    /** The objective's state, decoded (the store keeps recently used states decoded). */
    private ObjectiveState load(String key) {
        return states.get(key);
    }

    /**
     * Publishes what an objective's state change caused and puts the state into the store, which
     * writes it — encoded once however many records changed it — into the store and its changelog
     * in this commit.
     */
    private void write(String key, ObjectiveState state, List<Emission> out) {
        forward(key, out);
        periodHistory.apply(key, state.drainHistory());
        states.put(key, state);
        provisionalCandidates.get(slotOf(key)).add(key);
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
            boolean asked = requestCommit();
            if (e.type() == EventType.BREACH_OPENED && LOG.isDebugEnabled()) {
                // Where a breach's time goes: forwarded at, and whether it asked for an early commit.
                LOG.debugf("trace breach=%s task=%s forwarded_ms=%d commit_asked=%s", key, context.taskId(),
                        System.currentTimeMillis(), asked);
            }
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

    /**
     * Readers (read_committed) see a breach event only once the transaction holding it commits: asks Kafka Streams for
     * that commit as soon as the records being processed now are done, instead of waiting out the commit interval. At
     * most once per breach-commit-spacing per stream thread ({@link CommitThrottle}), whatever the commit interval or
     * processing guarantee: in a storm of breaches (an outage hitting every objective) a commit after every few records
     * would leave the stream thread little but committing; the breach events that follow within the spacing wait for
     * the next commit, early or regular.
     */
    private boolean requestCommit() {
        if (commitThrottle.tryAcquire(context.currentSystemTimeMs())) {
            context.commit();
            return true;
        }
        return false;
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
