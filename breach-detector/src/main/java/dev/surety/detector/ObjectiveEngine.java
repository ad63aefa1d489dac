package dev.surety.detector;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachKind;
import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.BurnRateRule;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.EventType;
import dev.surety.events.NoDataEnded;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.NoDataStarted;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import dev.surety.events.TimeRange;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The detector's decisions for one objective, free of Kafka: applies a measurement to an
 * {@link ObjectiveState}, keeps the windows of the threshold and burn-rate rules, closes time
 * slices, opens and resolves breaches, cuts them at maintenance, follows silent sources and emits
 * provisional and final compliance. All times are epoch milliseconds; "now" is
 * {@code max(stream time of the key, wall clock)}.
 */
public final class ObjectiveEngine {

    private final long graceMs;
    private final long minBucketMs;
    private final int bucketsPerWindow;

    /**
     * @param grace            how long after its end a period (or a time slice) still accepts measurements
     * @param minBucket        smallest window bucket
     * @param bucketsPerWindow buckets a window is split into when that gives larger buckets
     */
    public ObjectiveEngine(Duration grace, Duration minBucket, int bucketsPerWindow) {
        this.graceMs = grace.toMillis();
        this.minBucketMs = minBucket.toMillis();
        this.bucketsPerWindow = bucketsPerWindow;
    }

    /** An objective of one agreement version, and why it cannot be judged (null when it can). */
    public record Lookup(ObjectiveSpec spec, String problem) {
        /** Whether the version holds the objective and it can be judged. */
        public boolean judgeable() {
            return spec != null && problem == null;
        }
    }

    /** How many agreement versions {@link #lookup} remembers before it starts afresh. */
    private static final int LOOKUP_VERSIONS = 4096;
    /**
     * Lookups by agreement id and version number: a version never changes once written, so a remembered answer is
     * never stale. Keyed by value, not by the decoded snapshot: with more agreements than the decoded-history cache
     * holds, the same version is decoded again and again, and a map keyed by those objects would keep every copy
     * alive. Not shared between threads (one engine per task).
     */
    private final Map<VersionKey, Map<String, Lookup>> lookups = new HashMap<>();

    /**
     * Written out rather than left to the record's generated methods: this key is looked up on every measurement,
     * and the generated equals and hashCode (method-handle chains) were most of {@link #lookup}'s time.
     */
    private record VersionKey(String agreementId, int version) {
        @Override
        public boolean equals(Object o) {
            return o instanceof VersionKey k && k.version == version && Objects.equals(k.agreementId, agreementId);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(agreementId) + version;
        }
    }

    /** {@code a.objective(objectiveId)} and {@link Objectives#problem} of it, worked out once per version and objective. */
    public Lookup lookup(AgreementSnapshot a, String objectiveId) {
        VersionKey version = new VersionKey(a.agreementId(), a.version());
        Map<String, Lookup> byObjective = lookups.get(version);
        if (byObjective == null) {
            if (lookups.size() >= LOOKUP_VERSIONS) {
                lookups.clear();
            }
            byObjective = new HashMap<>();
            lookups.put(version, byObjective);
        }
        Lookup l = byObjective.get(objectiveId);
        if (l == null) {
            ObjectiveSpec o = a.objective(objectiveId);
            l = new Lookup(o, o == null ? null : Objectives.problem(a, o));
            byObjective.put(objectiveId, l);
        }
        return l;
    }

    /**
     * {@link Objectives#periodOf}, remembered per objective state for the last version and objective
     * asked: while {@code t} stays inside that period, the answer is the same. The state keeps the version's
     * number, not the decoded snapshot, so it does not hold a copy of the whole agreement alive.
     */
    private static Period periodOf(ObjectiveState s, AgreementSnapshot a, ObjectiveSpec o, long t) {
        Period p = s.lastPeriod;
        if (p != null && s.lastPeriodSpec == o && s.lastPeriodVersion == a.version() && t >= p.start() && t < p.end()) {
            return p;
        }
        p = Objectives.periodOf(a, o, t);
        s.lastPeriod = p;
        s.lastPeriodSpec = o;
        s.lastPeriodVersion = a.version();
        return p;
    }

    /** What became of a measurement. */
    public enum Verdict {
        /** Counted in the windows and its period. */
        APPLIED,
        /** Its period (or, for slice objectives, its slice) was already final: not applied. */
        LATE,
        /** Inside excludable maintenance: moves time on, but counts nowhere. */
        EXCLUDED
    }

    /** The verdict on one measurement and the events it caused, in publication order. */
    public record Outcome(Verdict verdict, Period period, List<Emission> emissions) {
    }

    /** One measurement's figures. */
    public record Sample(long t, long good, long total, Double value) {
    }

    /**
     * Applies one measurement at event time {@code m.t()}, judged by {@code at}, the agreement
     * version in force at that time (ACTIVE, holding objective {@code o}). Rules are evaluated with
     * the version in force at the key's stream time, taken from {@code history}.
     */
    public Outcome onMeasurement(ObjectiveState s, String key, AgreementHistory history, AgreementSnapshot at,
                                 ObjectiveSpec o, Sample m, long wallMs) {
        long t = m.t();
        long before = s.streamTime();
        long streamTime = before == ObjectiveState.NONE ? t : Math.max(before, t);
        long now = Math.max(streamTime, wallMs);
        Period period = periodOf(s, at, o, t);
        if (isFinal(s, period, now)) {
            return new Outcome(Verdict.LATE, period, List.of());
        }
        boolean slices = Objectives.slicesCount(o);
        long sliceMs = Objectives.sliceMs(o);
        long sliceStart = Math.floorDiv(t, sliceMs) * sliceMs;
        if (slices && s.streamTime() != ObjectiveState.NONE && !s.openSlices().containsKey(sliceStart)
                && sliceStart + sliceMs + graceMs <= s.streamTime()) {
            // Its slice was closed and judged already.
            return new Outcome(Verdict.LATE, period, List.of());
        }
        List<Emission> out = new ArrayList<>();
        finalizeDue(s, key, history, now, out);
        s.streamTime(streamTime);
        endNoData(s, key, at, o, t, out);
        boolean excluded = !at.exclusions().maintenanceWindows().isEmpty()
                && at.exclusions().isExcluded(Instant.ofEpochMilli(t), Objectives.zone(at));

        Judge j = judgeAt(history, s, streamTime, at, o);
        cutByMaintenance(s, key, j.a, j.o, streamTime, out);
        ensureWindows(s, j.o);
        if (excluded) {
            closeSlices(s, history, at, o, streamTime - graceMs, out);
            return new Outcome(Verdict.EXCLUDED, period, out);
        }
        long primary = Objectives.windowMs(j.o);
        for (BucketedWindow w : s.windows().values()) {
            w.add(t, m.good(), m.total(), w.windowMs() == primary ? m.value() : null);
        }
        s.recent().add(t, m.good(), m.total(), m.value());
        s.forgetBefore(streamTime - graceMs);
        ObjectiveState.Tally tally = s.tally(period);
        if (slices) {
            ObjectiveState.Slice sl = s.slice(sliceStart);
            sl.good = Math.addExact(sl.good, m.good());
            sl.total = Math.addExact(sl.total, m.total());
            if (m.value() != null && !m.value().isNaN()) {
                sl.valueCount++;
                sl.valueSum += m.value();
                if (o.sliKind() == SliKind.PERCENTILE) {
                    if (sl.sketch == null) {
                        sl.sketch = new LogHistogram();
                    }
                    sl.sketch.add(m.value());
                }
            }
            tally.dirty = true;
        } else {
            count(s, tally, t, m.good(), m.total());
        }
        closeSlices(s, history, at, o, streamTime - graceMs, out);
        if (before != ObjectiveState.NONE && t < before && t >= s.recent().completeFrom() && j.o.equals(o)) {
            judgeAgainFrom(s, key, history, j, t, streamTime, out);
        } else {
            evaluateRules(s, key, j.a, j.o, streamTime, null, out);
        }
        return new Outcome(Verdict.APPLIED, period, out);
    }

    /**
     * What the wall clock decides for one objective: breaches resolved because the agreement is no
     * longer active or maintenance began, periods made final, silent sources detected and their
     * silent time accounted.
     */
    public List<Emission> onWallClock(ObjectiveState s, String key, AgreementHistory history, long wallMs) {
        List<Emission> out = new ArrayList<>();
        resolveIfInactive(s, key, history, out);
        long now = Math.max(s.streamTime(), wallMs);
        AgreementSnapshot latest = history.latest();
        Lookup l = lookup(latest, s.objectiveId());
        ObjectiveSpec o = l.spec();
        if (latest.status() == AgreementStatus.ACTIVE && l.judgeable() && Objectives.inEffect(latest, wallMs)) {
            cutByMaintenance(s, key, latest, o, now, out);
            detectNoData(s, key, latest, o, wallMs, out);
            accountNoData(s, latest, o, wallMs);
        }
        finalizeDue(s, key, history, now, out);
        return out;
    }

    /** How far ahead a maintenance window is looked for; beyond it the objective is simply looked at again. */
    private static final long MAINTENANCE_LOOKAHEAD_MS = Duration.ofDays(1).toMillis();

    /**
     * The earliest wall-clock time at which {@link #onWallClock} can change anything for this
     * objective, its agreement's versions staying as they are (a new version must be looked at
     * anew): {@code wallMs} when that may be at once, {@link Long#MAX_VALUE} when only a measurement
     * or a new version can. Mirrors {@code onWallClock} step by step and errs early, never late — a
     * visit at that time may still find nothing to do. Deadlines: the newest version not ACTIVE with
     * a breach open (at once), a period's end + grace, the start and end of the effective dates, the
     * no-data delay after the last measurement, the next silent slice of a running episode, the
     * first excludable maintenance after an open breach's start.
     */
    public long nextWallClock(ObjectiveState s, AgreementHistory history, long wallMs) {
        AgreementSnapshot latest = history.latest();
        boolean breachOpen = false;
        long firstOpened = Long.MAX_VALUE;
        for (ObjectiveState.Rule r : s.rules().values()) {
            if (r.breachId != null) {
                breachOpen = true;
                firstOpened = Math.min(firstOpened, r.openedAt);
            }
        }
        if (latest.status() != AgreementStatus.ACTIVE && breachOpen) {
            return wallMs;
        }
        long streamTime = s.streamTime();
        long next = Long.MAX_VALUE;
        for (ObjectiveState.Tally t : s.openPeriods()) {
            next = Math.min(next, dueAt(saturatedAdd(t.period().end(), graceMs), streamTime, wallMs));
        }
        Lookup l = lookup(latest, s.objectiveId());
        ObjectiveSpec o = l.spec();
        if (latest.status() != AgreementStatus.ACTIVE || !l.judgeable()) {
            return next;
        }
        // The no-data and maintenance steps run only while the newest version is in effect (wall clock).
        if (latest.effectiveTo() != null && wallMs >= latest.effectiveTo().toEpochMilli()) {
            return next;
        }
        if (latest.effectiveFrom() != null && wallMs < latest.effectiveFrom().toEpochMilli()) {
            return Math.min(next, latest.effectiveFrom().toEpochMilli());
        }
        if (latest.effectiveTo() != null) {
            next = Math.min(next, latest.effectiveTo().toEpochMilli());
        }
        ObjectiveState.NoData n = s.noData();
        if (n == null && streamTime != ObjectiveState.NONE) {
            next = Math.min(next, saturatedAdd(streamTime, o.effectiveNoDataAfter().toMillis()));
        } else if (n != null) {
            next = Math.min(next, saturatedAdd(n.accountedUntil, Objectives.sliceMs(o)));
        }
        if (breachOpen && !latest.exclusions().maintenanceWindows().isEmpty()) {
            // A breach is cut once max(stream time, wall clock) reaches excluded time after its opening.
            long horizon = saturatedAdd(Math.max(Math.max(wallMs, streamTime), firstOpened),
                    MAINTENANCE_LOOKAHEAD_MS);
            List<TimeRange> ranges = latest.exclusions().excludedTime(Instant.ofEpochMilli(firstOpened),
                    Instant.ofEpochMilli(horizon), Objectives.zone(latest));
            long cut = ranges.isEmpty() ? horizon
                    : Math.max(firstOpened, ranges.get(0).start().toEpochMilli());
            next = Math.min(next, dueAt(cut, streamTime, wallMs));
        }
        return next;
    }

    /** A condition on {@code max(streamTime, wall) >= t}: already true by stream time means at once. */
    private static long dueAt(long t, long streamTime, long wallMs) {
        return streamTime != ObjectiveState.NONE && streamTime >= t ? Math.min(t, wallMs) : t;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    /** PROVISIONAL records of the open periods whose figures changed since the last one. */
    public List<Emission> onProvisional(ObjectiveState s, String key, AgreementHistory history, long wallMs) {
        List<Emission> out = new ArrayList<>();
        long asOf = s.streamTime();
        if (s.noData() != null) {
            asOf = Math.max(asOf, s.noData().accountedUntil);
        }
        if (asOf == ObjectiveState.NONE) {
            return out;
        }
        for (ObjectiveState.Tally t : s.openPeriods()) {
            if (!t.dirty) {
                continue;
            }
            Judge j = judgeBefore(history, s, t.period().end());
            if (j == null) {
                continue;
            }
            long good = t.good();
            long total = t.total();
            if (Objectives.slicesCount(j.o)) {
                for (Map.Entry<Long, ObjectiveState.Slice> e : s.openSlices().entrySet()) {
                    if (e.getKey() >= t.period().start() && e.getKey() < t.period().end()) {
                        Boolean g = sliceGood(j.o, e.getValue());
                        if (g != null) {
                            total++;
                            good += g ? 1 : 0;
                        }
                    }
                }
            }
            long upTo = Math.min(t.period().end(), Math.max(asOf, t.period().start()));
            Instant start = t.period().startInstant();
            Instant asOfInstant = Instant.ofEpochMilli(upTo);
            String id = uuid(key + "|" + start + "|PROVISIONAL|" + asOfInstant + "|" + good + "|" + total + "|"
                    + t.noDataMs + "|" + t.breaches);
            ComplianceRecord record = new ComplianceRecord(id, j.a.agreementId(), j.a.version(), j.o.objectiveId(),
                    j.a.tenant(), start, t.period().endInstant(), good, total, Percent.of(good, total), j.o.target(),
                    Percent.meets(good, total, j.o.target()), ComplianceStatus.PROVISIONAL,
                    j.a.exclusions().excludedDuration(start, asOfInstant, Objectives.zone(j.a)),
                    Duration.ofMillis(t.noDataMs), t.breaches, asOfInstant);
            out.add(new Emission(EventType.COMPLIANCE, id, asOfInstant, record));
            t.dirty = false;
        }
        return out;
    }

    /** Whether {@code p} is final at {@code now}: {@code now >= end + grace}, or a later period already is. */
    public boolean isFinal(ObjectiveState s, Period p, long now) {
        return now - graceMs >= p.end() || p.end() <= s.lastFinalizedEnd();
    }

    /**
     * Resolves every open breach with reason {@code agreement-inactive} when the agreement's newest
     * version is not ACTIVE, at that version's {@code updatedAt}.
     */
    public void resolveIfInactive(ObjectiveState s, String key, AgreementHistory history, List<Emission> out) {
        AgreementSnapshot latest = history.latest();
        if (latest.status() == AgreementStatus.ACTIVE || s.rules().isEmpty()) {
            return;
        }
        for (String rule : new ArrayList<>(s.rules().keySet())) {
            ObjectiveState.Rule r = s.rules().get(rule);
            if (r.breachId == null) {
                continue;
            }
            long at = Math.max(latest.updatedAt().toEpochMilli(), r.openedAt);
            resolve(s, key, latest, rule, at, null, BreachResolved.AGREEMENT_INACTIVE, out);
        }
    }

    // ---------------------------------------------------------------- windows and slices

    private void ensureWindows(ObjectiveState s, ObjectiveSpec o) {
        if (s.windowsFor == o) {
            // Set up for this very spec already (and nothing else changes the windows).
            return;
        }
        Set<Long> wanted = new HashSet<>();
        long primary = Objectives.windowMs(o);
        wanted.add(primary);
        for (BurnRateRule r : o.burnRateRules()) {
            wanted.add(r.longWindow().toMillis());
            wanted.add(r.shortWindow().toMillis());
        }
        s.windows().keySet().removeIf(ms -> !wanted.contains(ms));
        for (long ms : wanted) {
            long bucketMs = BucketedWindow.bucketSizeFor(ms, minBucketMs, bucketsPerWindow);
            boolean sketch = ms == primary && o.sliKind() == SliKind.PERCENTILE;
            BucketedWindow w = s.windows().get(ms);
            if (w == null || w.bucketMs() != bucketMs || w.hasSketch() != sketch) {
                // A new agreement version changed the window: start it afresh rather than mix bucket sizes.
                s.windows().put(ms, new BucketedWindow(ms, bucketMs, sketch, graceMs));
            } else if (w.retainMs() != graceMs) {
                // Stored before buckets were kept for a look back, or with another grace.
                s.windows().put(ms, w.withRetention(graceMs));
            }
        }
        s.primaryWindowMs(primary);
        s.windowsFor = o;
    }

    /** Closes (judges) the open slices that end at or before {@code upTo}. */
    private void closeSlices(ObjectiveState s, AgreementHistory history, AgreementSnapshot a, ObjectiveSpec o,
                             long upTo, List<Emission> out) {
        if (s.openSlices().isEmpty()) {
            return;
        }
        long sliceMs = Objectives.sliceMs(o);
        Iterator<Map.Entry<Long, ObjectiveState.Slice>> it = s.openSlices().entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, ObjectiveState.Slice> e = it.next();
            long start = e.getKey();
            if (start + sliceMs > upTo) {
                break;
            }
            closeSlice(s, history, a, o, start, e.getValue());
            it.remove();
        }
    }

    private void closeSlice(ObjectiveState s, AgreementHistory history, AgreementSnapshot a, ObjectiveSpec o,
                            long start, ObjectiveState.Slice slice) {
        AgreementSnapshot v = history.inForce(start);
        Lookup l = lookup(v, o.objectiveId());
        ObjectiveSpec spec = l.spec();
        if (!l.judgeable() || !Objectives.slicesCount(spec)) {
            v = a;
            spec = o;
        }
        Boolean good = sliceGood(spec, slice);
        if (good == null) {
            return;
        }
        for (BucketedWindow w : s.windows().values()) {
            w.addSlice(start, good);
        }
        Period p = periodOf(s, v, spec, start);
        if (p.end() > s.lastFinalizedEnd()) {
            count(s, s.tally(p), start, good ? 1 : 0, 1);
        }
    }

    /**
     * Whether a slice is good: PERCENTILE — its percentile meets the bound; TIME_SLICE with values —
     * their mean meets the bound; TIME_SLICE with counts — percent good meets the bound. Null: no data.
     */
    static Boolean sliceGood(ObjectiveSpec o, ObjectiveState.Slice sl) {
        if (o.sliKind() == SliKind.PERCENTILE) {
            if (sl.sketch == null || sl.sketch.isEmpty()) {
                return null;
            }
            return o.meetsBound(sl.sketch.percentile(o.percentile().doubleValue()));
        }
        if (sl.valueCount > 0) {
            return o.meetsBound(sl.valueSum / sl.valueCount);
        }
        if (sl.total == 0) {
            return null;
        }
        return Percent.percentTest(sl.good, sl.total, o.comparison(), o.bound());
    }

    /** Good and valid slices in a window: the closed ones counted in it plus the open ones it covers. */
    private static long[] slicesIn(ObjectiveState s, ObjectiveSpec o, BucketedWindow w) {
        long good = w.goodSlices();
        long data = w.dataSlices();
        long from = w.coveredFrom();
        for (Map.Entry<Long, ObjectiveState.Slice> e : s.openSlices().entrySet()) {
            if (e.getKey() < from) {
                continue;
            }
            Boolean g = sliceGood(o, e.getValue());
            if (g != null) {
                data++;
                good += g ? 1 : 0;
            }
        }
        return new long[] {good, data};
    }

    /** Good and valid units of a window for burn rates: slices for slice objectives, events otherwise. */
    private static long[] goodTotal(ObjectiveState s, ObjectiveSpec o, BucketedWindow w) {
        return Objectives.slicesCount(o) ? slicesIn(s, o, w) : new long[] {w.good(), w.total()};
    }

    // ---------------------------------------------------------------- rules

    /**
     * Judges the rules again after a measurement at {@code t} arrived out of order, within grace: at
     * every event time from {@code t} up to the stream time, on the windows as they stood then with
     * that measurement in them, as if it had arrived in order. Each rule's judging resumes from what
     * is already published: a rule with a breach open since {@code t} or earlier from {@code t}, its
     * hold time counted from the latest false judgement before {@code t}; one opened later from its
     * opening; a quiet rule from {@code t}, or from its last resolution if that came after {@code t}.
     * Rules on time slices count, at each such time, the open slices with their content as of then.
     */
    private void judgeAgainFrom(ObjectiveState s, String key, AgreementHistory history, Judge now, long t,
                                long streamTime, List<Emission> out) {
        Map<String, Long> from = new HashMap<>();
        from.put(ObjectiveState.THRESHOLD_RULE, judgeAgainAfter(s, ObjectiveState.THRESHOLD_RULE, t));
        for (BurnRateRule r : now.o.burnRateRules()) {
            String name = Objectives.ruleName(r);
            from.put(name, judgeAgainAfter(s, name, t));
        }
        for (long tau : s.recent().timesFrom(t)) {
            if (tau >= streamTime) {
                break;
            }
            Judge j = judgeAt(history, s, tau, now.a, now.o);
            if (j.o.equals(now.o)) {
                evaluateRules(s, key, j.a, now.o, tau, from, out);
            }
        }
        evaluateRules(s, key, now.a, now.o, streamTime, null, out);
        // A breach opened in the past may have run into maintenance since.
        cutByMaintenance(s, key, now.a, now.o, streamTime, out);
    }

    /** The first time rule {@code rule} is judged again from, and its state set back to that time. */
    private static long judgeAgainAfter(ObjectiveState s, String rule, long t) {
        ObjectiveState.Rule r = s.rules().get(rule);
        if (r != null && r.breachId != null) {
            if (r.openedAt > t) {
                r.falseSince = ObjectiveState.NONE;
                return r.openedAt + 1;
            }
            if (r.falseSince != ObjectiveState.NONE && r.falseSince >= t) {
                r.falseSince = ObjectiveState.NONE;
            }
            return t;
        }
        long resolved = s.resolvedAt(rule);
        return resolved != ObjectiveState.NONE && resolved >= t ? resolved + 1 : t;
    }

    /**
     * Judges the rules at {@code at}. {@code replayFrom} null: every rule, on the windows as they stand
     * ({@code at} is the stream time); otherwise the rules it names whose replay has reached {@code at},
     * on the windows as they stood at that earlier time.
     */
    private void evaluateRules(ObjectiveState s, String key, AgreementSnapshot a, ObjectiveSpec o, long at,
                               Map<String, Long> replayFrom, List<Emission> out) {
        if (!a.exclusions().maintenanceWindows().isEmpty()
                && a.exclusions().isExcluded(Instant.ofEpochMilli(at), Objectives.zone(a))) {
            // Excluded time neither opens breaches nor runs their hold time.
            return;
        }
        boolean past = replayFrom != null;
        BucketedWindow w = s.windows().get(Objectives.windowMs(o));
        if (!past || judgedAgain(replayFrom, ObjectiveState.THRESHOLD_RULE, w, at)) {
            boolean breaching;
            BigDecimal sli;
            BigDecimal threshold;
            switch (o.sliKind()) {
                case PERCENTILE -> {
                    LogHistogram sketch = past ? sketchAsOf(s, w, at) : w.sketch();
                    double q = sketch == null || sketch.isEmpty() ? Double.NaN
                            : sketch.percentile(o.percentile().doubleValue());
                    breaching = !Double.isNaN(q) && !o.meetsBound(q);
                    sli = Double.isNaN(q) ? null : Percent.value(q);
                    threshold = o.bound();
                }
                case TIME_SLICE -> {
                    long[] gs = past ? slicesAsOf(s, o, w, at) : slicesIn(s, o, w);
                    breaching = Percent.below(gs[0], gs[1], o.threshold());
                    sli = Percent.of(gs[0], gs[1]);
                    threshold = o.threshold();
                }
                default -> {
                    long[] gt = past ? eventsAsOf(s, w, at) : new long[] {w.good(), w.total()};
                    breaching = Percent.below(gt[0], gt[1], o.threshold());
                    sli = Percent.of(gt[0], gt[1]);
                    threshold = o.threshold();
                }
            }
            step(s, key, a, o, ObjectiveState.THRESHOLD_RULE, breaching, at, sli, out,
                    () -> new Opening(BreachKind.THRESHOLD, null, threshold, o.window(), null, null));
        }

        for (BurnRateRule r : o.burnRateRules()) {
            String name = Objectives.ruleName(r);
            BucketedWindow longWindow = s.windows().get(r.longWindow().toMillis());
            BucketedWindow shortWindow = s.windows().get(r.shortWindow().toMillis());
            if (past && !(judgedAgain(replayFrom, name, longWindow, at) && judgedAgain(replayFrom, name, shortWindow, at))) {
                continue;
            }
            long[] lg = past ? goodTotalAsOf(s, o, longWindow, at) : goodTotal(s, o, longWindow);
            long[] sh = past ? goodTotalAsOf(s, o, shortWindow, at) : goodTotal(s, o, shortWindow);
            boolean fires = Percent.burnsAtLeast(lg[0], lg[1], o.target(), r.factor())
                    && Percent.burnsAtLeast(sh[0], sh[1], o.target(), r.factor());
            step(s, key, a, o, name, fires, at, Percent.of(lg[0], lg[1]), out,
                    () -> new Opening(BreachKind.BURN_RATE, name, r.factor(), r.longWindow(),
                            Percent.burnRate(lg[0], lg[1], o.target()), r.severity()));
        }
    }

    /** Whether a replay judges {@code rule} at {@code at}: it is replayed, has reached {@code at}, and its window can look back. */
    private static boolean judgedAgain(Map<String, Long> replayFrom, String rule, BucketedWindow w, long at) {
        Long from = replayFrom.get(rule);
        return from != null && from <= at && w != null && w.canLookBackTo(at);
    }

    /** {@link #goodTotal} of a window as it stood when its newest event was at {@code at}. */
    private static long[] goodTotalAsOf(ObjectiveState s, ObjectiveSpec o, BucketedWindow w, long at) {
        return Objectives.slicesCount(o) ? slicesAsOf(s, o, w, at) : eventsAsOf(s, w, at);
    }

    /**
     * {@link #slicesIn} as the window stood when its newest event was at {@code at}: the closed slices
     * it covered then (a slice closed since was complete by then, so it counts the same) plus the
     * open slices it covered, with their content as of then.
     */
    private static long[] slicesAsOf(ObjectiveState s, ObjectiveSpec o, BucketedWindow w, long at) {
        long[] closed = w.slicesAsOf(at);
        long good = closed[0];
        long data = closed[1];
        long sliceMs = Objectives.sliceMs(o);
        for (Map.Entry<Long, ObjectiveState.Slice> e : s.openSlices().tailMap(w.coveredFrom(at)).entrySet()) {
            long start = e.getKey();
            if (start > at) {
                break;
            }
            Boolean g = sliceGood(o, s.recent().sliceAsOf(e.getValue(), at, start + sliceMs));
            if (g != null) {
                data++;
                good += g ? 1 : 0;
            }
        }
        return new long[] {good, data};
    }

    /** Good and total events of a window as it stood when its newest event was at {@code at}. */
    private static long[] eventsAsOf(ObjectiveState s, BucketedWindow w, long at) {
        long[] all = w.goodTotalAsOf(at);
        long[] later = s.recent().goodTotalBetween(at, w.bucketEnd(at));
        return new long[] {all[0] - later[0], all[1] - later[1]};
    }

    /** The value sketch of a window as it stood when its newest event was at {@code at}. */
    private static LogHistogram sketchAsOf(ObjectiveState s, BucketedWindow w, long at) {
        LogHistogram h = w.sketchAsOf(at);
        if (h != null) {
            h.subtract(s.recent().valuesBetween(at, w.bucketEnd(at)));
        }
        return h;
    }

    private record Opening(BreachKind kind, String rule, BigDecimal threshold, Duration window, BigDecimal burnRate,
                           String severity) {
    }

    private void step(ObjectiveState s, String key, AgreementSnapshot a, ObjectiveSpec o, String rule,
                      boolean breaching, long at, BigDecimal sli, List<Emission> out,
                      Supplier<Opening> opening) {
        ObjectiveState.Rule r = s.rules().get(rule);
        if (r == null || r.breachId == null) {
            if (!breaching) {
                return;
            }
            Opening op = opening.get();
            Instant time = Instant.ofEpochMilli(at);
            String prefix = rule.isEmpty() ? key : key + "|" + rule;
            String breachId = uuid(prefix + "|" + time);
            String id = uuid(prefix + "|" + time + "|OPENED");
            out.add(new Emission(EventType.BREACH_OPENED, id, time, new BreachOpened(id, breachId, a.agreementId(),
                    a.version(), o.objectiveId(), a.tenant(), time, sli, op.threshold(), op.window(), op.kind(),
                    op.rule(), op.burnRate(), op.severity())));
            ObjectiveState.Rule fresh = s.rule(rule);
            fresh.breachId = breachId;
            fresh.openedAt = at;
            fresh.falseSince = ObjectiveState.NONE;
            Period p = periodOf(s, a, o, at);
            if (p.end() > s.lastFinalizedEnd()) {
                ObjectiveState.Tally t = s.tally(p);
                t.breaches++;
                t.dirty = true;
            }
            return;
        }
        if (breaching) {
            r.falseSince = ObjectiveState.NONE;
            return;
        }
        if (r.falseSince == ObjectiveState.NONE) {
            r.falseSince = at;
        }
        if (at - r.falseSince >= Objectives.holdMs(o)) {
            resolve(s, key, a, rule, at, sli, BreachResolved.RECOVERED, out);
        }
    }

    private static void resolve(ObjectiveState s, String key, AgreementSnapshot a, String rule, long at,
                                BigDecimal sli, String reason, List<Emission> out) {
        ObjectiveState.Rule r = s.rules().get(rule);
        if (sli == null) {
            // Cut short (maintenance, inactive agreement): report the rule window's ratio as it stands.
            BucketedWindow w = s.window();
            sli = w == null ? Percent.of(0, 0) : Percent.of(w.good(), w.total());
        }
        Instant openedAt = Instant.ofEpochMilli(r.openedAt);
        Instant time = Instant.ofEpochMilli(at);
        String prefix = rule.isEmpty() ? key : key + "|" + rule;
        String id = uuid(prefix + "|" + openedAt + "|RESOLVED");
        boolean threshold = rule.isEmpty();
        s.resolvedAt(rule, at);
        out.add(new Emission(EventType.BREACH_RESOLVED, id, time, new BreachResolved(id, r.breachId, a.agreementId(),
                s.objectiveId(), a.tenant(), openedAt, time, sli, reason,
                threshold ? BreachKind.THRESHOLD : BreachKind.BURN_RATE, threshold ? null : rule)));
        s.closeRule(rule);
    }

    /** Resolves, at the maintenance start, every breach that runs into excludable maintenance before {@code upTo}. */
    private static void cutByMaintenance(ObjectiveState s, String key, AgreementSnapshot a, ObjectiveSpec o,
                                         long upTo, List<Emission> out) {
        if (s.rules().isEmpty() || a.exclusions().maintenanceWindows().isEmpty()) {
            return;
        }
        for (String rule : new ArrayList<>(s.rules().keySet())) {
            ObjectiveState.Rule r = s.rules().get(rule);
            if (r.breachId == null || upTo < r.openedAt) {
                continue;
            }
            List<TimeRange> ranges = a.exclusions().excludedTime(Instant.ofEpochMilli(r.openedAt),
                    Instant.ofEpochMilli(upTo + 1), Objectives.zone(a));
            if (!ranges.isEmpty()) {
                long cut = Math.max(r.openedAt, ranges.get(0).start().toEpochMilli());
                resolve(s, key, a, rule, cut, null, BreachResolved.MAINTENANCE, out);
            }
        }
    }

    // ---------------------------------------------------------------- no data

    private void detectNoData(ObjectiveState s, String key, AgreementSnapshot a, ObjectiveSpec o, long wallMs,
                              List<Emission> out) {
        if (s.noData() != null || s.streamTime() == ObjectiveState.NONE) {
            return;
        }
        long last = s.streamTime();
        if (wallMs - last < o.effectiveNoDataAfter().toMillis()) {
            return;
        }
        long sliceMs = Objectives.sliceMs(o);
        ObjectiveState.NoData n = new ObjectiveState.NoData();
        Instant lastAt = Instant.ofEpochMilli(last);
        n.episodeId = uuid(key + "|" + lastAt + "|NO_DATA");
        n.lastDataAt = last;
        n.detectedAt = wallMs;
        n.policy = o.effectiveNoData();
        n.perSlice = perSlice(s, o, sliceMs);
        n.accountedUntil = Math.floorDiv(last, sliceMs) * sliceMs + sliceMs;
        s.noData(n);
        String id = uuid(key + "|" + lastAt + "|NO_DATA_STARTED");
        out.add(new Emission(EventType.NO_DATA_STARTED, id, Instant.ofEpochMilli(wallMs), new NoDataStarted(id,
                n.episodeId, a.agreementId(), a.version(), o.objectiveId(), a.tenant(), lastAt,
                Instant.ofEpochMilli(wallMs), n.policy)));
    }

    /**
     * Units one silent slice stands for: one slice for slice objectives; for event objectives the
     * recent average rate, {@code events in the rule window * slice / window} rounded, at least 1.
     */
    private static long perSlice(ObjectiveState s, ObjectiveSpec o, long sliceMs) {
        if (Objectives.slicesCount(o)) {
            return 1;
        }
        BucketedWindow w = s.window();
        if (w == null || w.total() == 0) {
            return 1;
        }
        long rate = Math.round((double) w.total() * sliceMs / w.windowMs());
        return Math.max(1, rate);
    }

    /** Counts the whole silent slices up to {@code upTo} in their periods, by the episode's policy. */
    private void accountNoData(ObjectiveState s, AgreementSnapshot a, ObjectiveSpec o, long upTo) {
        ObjectiveState.NoData n = s.noData();
        if (n == null) {
            return;
        }
        long sliceMs = Objectives.sliceMs(o);
        if (n.accountedUntil + sliceMs > upTo) {
            return;
        }
        List<TimeRange> excluded = a.exclusions().maintenanceWindows().isEmpty() ? List.of()
                : a.exclusions().excludedTime(Instant.ofEpochMilli(n.accountedUntil), Instant.ofEpochMilli(upTo),
                        Objectives.zone(a));
        while (n.accountedUntil + sliceMs <= upTo) {
            long from = n.accountedUntil;
            long to = from + sliceMs;
            n.accountedUntil = to;
            boolean inMaintenance = false;
            for (TimeRange r : excluded) {
                if (r.overlaps(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))) {
                    inMaintenance = true;
                    break;
                }
            }
            Period p = periodOf(s, a, o, from);
            if (inMaintenance || p.end() <= s.lastFinalizedEnd()) {
                continue;
            }
            ObjectiveState.Tally t = s.tally(p);
            t.noDataMs += sliceMs;
            t.dirty = true;
            if (n.policy == NoDataPolicy.BAD) {
                count(s, t, from, 0, n.perSlice);
            } else if (n.policy == NoDataPolicy.GOOD) {
                count(s, t, from, n.perSlice, n.perSlice);
            }
        }
    }

    private void endNoData(ObjectiveState s, String key, AgreementSnapshot a, ObjectiveSpec o, long t,
                           List<Emission> out) {
        ObjectiveState.NoData n = s.noData();
        if (n == null || t <= n.lastDataAt) {
            return;
        }
        // Whole slices before the one the data resumed in are silent.
        accountNoData(s, a, o, Math.floorDiv(t, Objectives.sliceMs(o)) * Objectives.sliceMs(o));
        Instant lastAt = Instant.ofEpochMilli(n.lastDataAt);
        Instant resumed = Instant.ofEpochMilli(t);
        String id = uuid(key + "|" + lastAt + "|NO_DATA_ENDED");
        out.add(new Emission(EventType.NO_DATA_ENDED, id, resumed, new NoDataEnded(id, n.episodeId, a.agreementId(),
                o.objectiveId(), a.tenant(), lastAt, resumed, n.policy)));
        s.noData(null);
    }

    // ---------------------------------------------------------------- compliance

    private void finalizeDue(ObjectiveState s, String key, AgreementHistory history, long now, List<Emission> out) {
        for (ObjectiveState.Tally t : s.openPeriods()) {
            if (now - graceMs < t.period().end()) {
                continue;
            }
            Judge j = judgeBefore(history, s, t.period().end());
            if (j == null) {
                continue;
            }
            if (Objectives.slicesCount(j.o)) {
                // The period is over: its slices are judged now even if stream time never reached them.
                Iterator<Map.Entry<Long, ObjectiveState.Slice>> it = s.openSlices().entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<Long, ObjectiveState.Slice> e = it.next();
                    if (e.getKey() < t.period().end()) {
                        closeSlice(s, history, j.a, j.o, e.getKey(), e.getValue());
                        it.remove();
                    }
                }
            }
            Instant start = t.period().startInstant();
            Instant end = t.period().endInstant();
            String id = uuid(key + "|" + start + "|FINAL");
            ComplianceRecord record = new ComplianceRecord(id, j.a.agreementId(), j.a.version(), j.o.objectiveId(),
                    j.a.tenant(), start, end, t.good(), t.total(), Percent.of(t.good(), t.total()), j.o.target(),
                    Percent.meets(t.good(), t.total(), j.o.target()), ComplianceStatus.FINAL,
                    j.a.exclusions().excludedDuration(start, end, Objectives.zone(j.a)), Duration.ofMillis(t.noDataMs),
                    t.breaches, null);
            // The period end is the record's event time, so a replay yields byte-identical records.
            out.add(new Emission(EventType.COMPLIANCE, id, end, record));
            s.finalized(t);
            s.history().finalized(t.period());
        }
    }

    /**
     * Adds units to a period's tally and the same units to the hour of {@code at} in the period
     * history, so the hours of a period always sum to its tally.
     */
    private static void count(ObjectiveState s, ObjectiveState.Tally t, long at, long good, long total) {
        t.add(good, total);
        s.history().count(t.period(), at, good, total);
    }

    private record Judge(AgreementSnapshot a, ObjectiveSpec o) {
    }

    /** The version in force at {@code t} that can judge this objective, else the fallback. */
    private Judge judgeAt(AgreementHistory h, ObjectiveState s, long t, AgreementSnapshot fallbackA,
                          ObjectiveSpec fallbackO) {
        AgreementSnapshot v = h.inForce(t);
        Lookup l = lookup(v, s.objectiveId());
        if (v.status() == AgreementStatus.ACTIVE && l.judgeable()) {
            return new Judge(v, l.spec());
        }
        return new Judge(fallbackA, fallbackO);
    }

    /** The newest ACTIVE version before {@code end} holding a judgeable objective, else any such version; null if none. */
    private Judge judgeBefore(AgreementHistory h, ObjectiveState s, long end) {
        AgreementSnapshot v = h.activeBefore(end);
        Lookup l = lookup(v, s.objectiveId());
        if (l.judgeable()) {
            return new Judge(v, l.spec());
        }
        List<AgreementSnapshot> all = h.versions();
        for (int i = all.size() - 1; i >= 0; i--) {
            Lookup any = lookup(all.get(i), s.objectiveId());
            if (any.judgeable()) {
                return new Judge(all.get(i), any.spec());
            }
        }
        return null;
    }

    /** Deterministic event id: the same natural key always yields the same UUID (v3). */
    public static String uuid(String naturalKey) {
        return UUID.nameUUIDFromBytes(naturalKey.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
