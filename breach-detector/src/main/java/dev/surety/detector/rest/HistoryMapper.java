package dev.surety.detector.rest;

import dev.surety.detector.AgreementHistory;
import dev.surety.detector.Episode;
import dev.surety.detector.HistoryKeys;
import dev.surety.detector.HistorySource;
import dev.surety.detector.HourCount;
import dev.surety.detector.ObjectiveState;
import dev.surety.detector.Objectives;
import dev.surety.detector.Period;
import dev.surety.detector.StatusFigures;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.BreachKind;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.TimeRange;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps an objective's stored period history (hour buckets and episodes) plus its live state (open
 * slices, open breaches, a running silent episode) to the history API model.
 */
@ApplicationScoped
public class HistoryMapper {

    private static final BigDecimal MINUTE_MS = BigDecimal.valueOf(60_000);

    /** The agreement's header around objective histories gathered from wherever their state lives. */
    public HistoryReport agreement(AgreementSnapshot inForce, List<ObjectiveHistory> objectives, long nowMs) {
        return new HistoryReport(inForce.agreementId(), Instant.ofEpochMilli(nowMs), objectives);
    }

    /**
     * One objective's current period (the one holding {@code max(now, stream time)}, as the status
     * endpoint picks it) or the period before it.
     *
     * @param s        the objective's state, null before its first measurement
     * @param previous the period before the current one
     */
    public ObjectiveHistory objective(AgreementHistory history, AgreementSnapshot inForce, ObjectiveSpec listed,
                                      ObjectiveState s, HistorySource source, long nowMs, boolean previous) {
        long streamTime = s == null ? ObjectiveState.NONE : s.streamTime();
        AgreementSnapshot a = StatusFigures.judging(history, listed.objectiveId(), streamTime, inForce);
        ObjectiveSpec o = a.objective(listed.objectiveId());
        String zone = a.timeZone() == null || a.timeZone().isBlank() ? "UTC" : a.timeZone();
        String unit = Objectives.slicesCount(o) ? "slices" : "events";
        long at = Math.max(nowMs, streamTime);
        if (Objectives.problem(a, o) != null || (a.effectiveFrom() != null && at < a.effectiveFrom().toEpochMilli())) {
            return new ObjectiveHistory(o.objectiveId(), null, null, zone, unit, List.of(), List.of(), List.of(),
                    BigDecimal.ZERO);
        }
        Period p = Objectives.periodOf(a, o, at);
        if (previous) {
            p = Objectives.periodOf(a, o, p.start() - 1);
        }
        long upTo = Math.max(p.start(), Math.min(p.end(), at));

        // Hour index -> {good, valid, excluded ms}.
        TreeMap<Long, long[]> hours = new TreeMap<>();
        for (Map.Entry<Long, HourCount> e : source.hours(p.start()).entrySet()) {
            long[] h = hours.computeIfAbsent(e.getKey(), k -> new long[3]);
            h[0] += e.getValue().good();
            h[1] += e.getValue().valid();
        }
        // Open slices count with their current verdict, as in the period's figures of the status.
        for (Map.Entry<Long, Boolean> e : StatusFigures.openSlices(s, o, p).entrySet()) {
            long[] h = hours.computeIfAbsent(hourOf(p, e.getKey()), k -> new long[3]);
            h[0] += e.getValue() ? 1 : 0;
            h[1] += 1;
        }
        long excludedMs = 0;
        if (!a.exclusions().maintenanceWindows().isEmpty() && upTo > p.start()) {
            for (TimeRange r : a.exclusions().excludedTime(p.startInstant(), Instant.ofEpochMilli(upTo),
                    Objectives.zone(a))) {
                long from = r.start().toEpochMilli();
                long to = r.end().toEpochMilli();
                excludedMs += to - from;
                while (from < to) {
                    long hour = hourOf(p, from);
                    long hourEnd = Math.min(to, p.start() + (hour + 1) * HistoryKeys.HOUR_MS);
                    hours.computeIfAbsent(hour, k -> new long[3])[2] += hourEnd - from;
                    from = hourEnd;
                }
            }
        }
        List<ObjectiveHistory.Bucket> buckets = new ArrayList<>(hours.size());
        for (Map.Entry<Long, long[]> e : hours.entrySet()) {
            long start = p.start() + e.getKey() * HistoryKeys.HOUR_MS;
            long[] h = e.getValue();
            buckets.add(new ObjectiveHistory.Bucket(Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(Math.min(p.end(), start + HistoryKeys.HOUR_MS)), h[0], h[1], minutes(h[2])));
        }

        List<Episode> stored = source.episodes();
        List<ObjectiveHistory.Breach> breaches = new ArrayList<>();
        List<ObjectiveHistory.NoData> silences = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Episode e : stored) {
            seen.add(e.id());
            if (e.overlaps(p.start(), p.end())) {
                if (e.noData()) {
                    silences.add(noData(e));
                } else {
                    breaches.add(breach(e));
                }
            }
        }
        // The live state is the authority on what is open now (also for episodes older than the history).
        for (Episode e : openInState(s, o)) {
            if (!seen.contains(e.id()) && e.overlaps(p.start(), p.end())) {
                if (e.noData()) {
                    silences.add(noData(e));
                } else {
                    breaches.add(breach(e));
                }
            }
        }
        breaches.sort(Comparator.comparing(ObjectiveHistory.Breach::openedAt).thenComparing(ObjectiveHistory.Breach::breachId));
        silences.sort(Comparator.comparing(ObjectiveHistory.NoData::startedAt));
        return new ObjectiveHistory(o.objectiveId(), p.startInstant(), p.endInstant(), zone, unit, buckets, breaches,
                silences, minutes(excludedMs));
    }

    private static long hourOf(Period p, long t) {
        return Math.floorDiv(t - p.start(), HistoryKeys.HOUR_MS);
    }

    private static List<Episode> openInState(ObjectiveState s, ObjectiveSpec o) {
        List<Episode> open = new ArrayList<>();
        if (s == null) {
            return open;
        }
        for (Map.Entry<String, ObjectiveState.Rule> e : s.rules().entrySet()) {
            ObjectiveState.Rule r = e.getValue();
            if (r.breachId() == null) {
                continue;
            }
            boolean threshold = ObjectiveState.THRESHOLD_RULE.equals(e.getKey());
            String severity = threshold ? null : Objectives.ruleSeverity(o, e.getKey());
            open.add(new Episode(false, r.breachId(), threshold ? BreachKind.THRESHOLD : BreachKind.BURN_RATE,
                    threshold ? null : e.getKey(), severity, r.openedAt(), ObjectiveState.NONE, null));
        }
        ObjectiveState.NoData n = s.noData();
        if (n != null && n.episodeId() != null) {
            open.add(new Episode(true, n.episodeId(), null, null, null, n.lastDataAt(), ObjectiveState.NONE, null));
        }
        return open;
    }

    private static ObjectiveHistory.Breach breach(Episode e) {
        return new ObjectiveHistory.Breach(e.id(), e.kind(), e.rule(), e.severity(), Instant.ofEpochMilli(e.start()),
                e.open() ? null : Instant.ofEpochMilli(e.end()), e.reason());
    }

    private static ObjectiveHistory.NoData noData(Episode e) {
        return new ObjectiveHistory.NoData(e.id(), Instant.ofEpochMilli(e.start()),
                e.open() ? null : Instant.ofEpochMilli(e.end()));
    }

    /** Exact minutes (up to millisecond precision), written without a trailing fraction when whole. */
    static BigDecimal minutes(long ms) {
        BigDecimal m = BigDecimal.valueOf(ms).divide(MINUTE_MS, 5, RoundingMode.DOWN).stripTrailingZeros();
        return m.scale() < 0 ? m.setScale(0) : m;
    }
}
