package dev.surety.detector;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.EventType;
import dev.surety.events.ObjectiveSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The detector's decisions for one objective, free of Kafka: applies a measurement to an
 * {@link ObjectiveState}, opens and resolves breaches, and finalizes compliance periods. All
 * times are epoch milliseconds; "now" is {@code max(stream time of the key, wall clock)}.
 */
public final class ObjectiveEngine {

    private final long graceMs;
    private final long minBucketMs;
    private final int bucketsPerWindow;

    /**
     * @param grace            how long after its end a period still accepts measurements
     * @param minBucket        smallest window bucket
     * @param bucketsPerWindow buckets a window is split into when that gives larger buckets
     */
    public ObjectiveEngine(Duration grace, Duration minBucket, int bucketsPerWindow) {
        this.graceMs = grace.toMillis();
        this.minBucketMs = minBucket.toMillis();
        this.bucketsPerWindow = bucketsPerWindow;
    }

    /** What became of a measurement. */
    public enum Verdict {
        /** Counted in the window and its period. */
        APPLIED,
        /** Its period was already final: not applied. */
        LATE
    }

    /** The verdict on one measurement and the events it caused, in publication order. */
    public record Outcome(Verdict verdict, Period period, List<Emission> emissions) {
    }

    /**
     * Applies one measurement of {@code key} at event time {@code t}. A measurement whose period is
     * already final changes nothing. Otherwise periods that became final are emitted first, then
     * the measurement is counted and the breach rule evaluated at the key's stream time.
     */
    public Outcome onMeasurement(ObjectiveState s, String key, AgreementSnapshot a, ObjectiveSpec o,
                                 long t, long good, long total, long wallMs) {
        long streamTime = s.streamTime() == ObjectiveState.NONE ? t : Math.max(s.streamTime(), t);
        long now = Math.max(streamTime, wallMs);
        Period period = Objectives.periodOf(a, o, t);
        if (isFinal(s, period, now)) {
            return new Outcome(Verdict.LATE, period, List.of());
        }
        List<Emission> out = new ArrayList<>();
        finalizeDue(s, key, a, o, now, out);
        s.streamTime(streamTime);

        long windowMs = Objectives.windowMs(o);
        long bucketMs = BucketedWindow.bucketSizeFor(windowMs, minBucketMs, bucketsPerWindow);
        BucketedWindow w = s.window();
        if (w == null || w.windowMs() != windowMs || w.bucketMs() != bucketMs) {
            // A new agreement version changed the window: start it afresh rather than mix bucket sizes.
            w = new BucketedWindow(windowMs, bucketMs);
            s.window(w);
        }
        w.add(t, good, total);
        s.tally(period).add(good, total);

        evaluateRule(s, key, a, o, streamTime, out);
        return new Outcome(Verdict.APPLIED, period, out);
    }

    /** Finalizes the periods that wall-clock time {@code wallMs} has made final. */
    public List<Emission> onWallClock(ObjectiveState s, String key, AgreementSnapshot a, ObjectiveSpec o,
                                      long wallMs) {
        List<Emission> out = new ArrayList<>();
        finalizeDue(s, key, a, o, Math.max(s.streamTime(), wallMs), out);
        return out;
    }

    /** Whether {@code p} is final at {@code now}: {@code now >= end + grace}, or a later period already is. */
    public boolean isFinal(ObjectiveState s, Period p, long now) {
        return now - graceMs >= p.end() || p.end() <= s.lastFinalizedEnd();
    }

    private void finalizeDue(ObjectiveState s, String key, AgreementSnapshot a, ObjectiveSpec o, long now,
                             List<Emission> out) {
        for (ObjectiveState.Tally t : s.openPeriods()) {
            if (now - graceMs < t.period().end()) {
                continue;
            }
            Instant start = t.period().startInstant();
            Instant end = t.period().endInstant();
            String id = uuid(key + "|" + start + "|FINAL");
            ComplianceRecord record = new ComplianceRecord(id, a.agreementId(), a.version(), o.objectiveId(),
                    a.tenant(), start, end, t.good(), t.total(), Percent.of(t.good(), t.total()), o.target(),
                    Percent.meets(t.good(), t.total(), o.target()), ComplianceStatus.FINAL);
            // The period end is the record's event time, so a replay yields byte-identical records.
            out.add(new Emission(EventType.COMPLIANCE, id, end, record));
            s.finalized(t);
        }
    }

    private void evaluateRule(ObjectiveState s, String key, AgreementSnapshot a, ObjectiveSpec o, long at,
                              List<Emission> out) {
        BucketedWindow w = s.window();
        boolean breaching = Percent.below(w.good(), w.total(), o.threshold());
        Instant time = Instant.ofEpochMilli(at);
        if (s.breachId() == null) {
            if (breaching) {
                String breachId = uuid(key + "|" + time);
                String id = uuid(key + "|" + time + "|OPENED");
                out.add(new Emission(EventType.BREACH_OPENED, id, time, new BreachOpened(id, breachId,
                        a.agreementId(), a.version(), o.objectiveId(), a.tenant(), time,
                        Percent.of(w.good(), w.total()), o.threshold(), o.window())));
                s.openBreach(breachId, at);
            }
            return;
        }
        if (breaching) {
            s.falseSince(ObjectiveState.NONE);
            return;
        }
        if (s.falseSince() == ObjectiveState.NONE) {
            s.falseSince(at);
        }
        if (at - s.falseSince() >= Objectives.holdMs(o)) {
            Instant openedAt = Instant.ofEpochMilli(s.breachOpenedAt());
            String id = uuid(key + "|" + openedAt + "|RESOLVED");
            out.add(new Emission(EventType.BREACH_RESOLVED, id, time, new BreachResolved(id, s.breachId(),
                    a.agreementId(), o.objectiveId(), a.tenant(), openedAt, time, Percent.of(w.good(), w.total()))));
            s.closeBreach();
        }
    }

    /** Deterministic event id: the same natural key always yields the same UUID (v3). */
    public static String uuid(String naturalKey) {
        return UUID.nameUUIDFromBytes(naturalKey.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
