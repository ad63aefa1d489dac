package dev.surety.detector.rest;

import dev.surety.detector.AgreementHistory;
import dev.surety.detector.BucketedWindow;
import dev.surety.detector.ObjectiveState;
import dev.surety.detector.Objectives;
import dev.surety.detector.Percent;
import dev.surety.detector.Period;
import dev.surety.detector.StatusFigures;
import dev.surety.detector.StatusFigures.Units;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.BreachKind;
import dev.surety.events.BurnRateRule;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps an objective's stored state to the status API model, with the figures its rules see. */
@ApplicationScoped
public class StatusMapper {

    /** The agreement's header around objective statuses gathered from wherever their state lives. */
    public AgreementStatus agreement(AgreementSnapshot inForce, List<ObjectiveStatus> objectives, long nowMs) {
        return new AgreementStatus(inForce.agreementId(), inForce.version(), inForce.tenant(), inForce.name(),
                Instant.ofEpochMilli(nowMs), objectives);
    }

    /**
     * One objective's status at wall-clock {@code nowMs}; {@code s} is null when the objective has
     * no state (no measurement yet).
     *
     * @param inForce the agreement version in force now, which lists the objective
     */
    public ObjectiveStatus objective(AgreementHistory history, AgreementSnapshot inForce, ObjectiveSpec listed,
                                     ObjectiveState s, long nowMs) {
        long streamTime = s == null ? ObjectiveState.NONE : s.streamTime();
        AgreementSnapshot a = StatusFigures.judging(history, listed.objectiveId(), streamTime, inForce);
        ObjectiveSpec o = a.objective(listed.objectiveId());
        boolean judgeable = Objectives.problem(a, o) == null;

        BucketedWindow thresholdWindow = s == null || o.window() == null ? null
                : s.windows().get(Objectives.windowMs(o));
        ObjectiveStatus.WindowStatus window = window(s, o, o.window(), thresholdWindow, judgeable);
        boolean breaching = judgeable && breaching(o, window, thresholdWindow);

        List<ObjectiveStatus.BurnRateStatus> burnRates = new ArrayList<>();
        if (judgeable) {
            for (BurnRateRule r : o.burnRateRules()) {
                ObjectiveStatus.WindowStatus lw = window(s, o, r.longWindow(), windowOf(s, r.longWindow()), true);
                ObjectiveStatus.WindowStatus sw = window(s, o, r.shortWindow(), windowOf(s, r.shortWindow()), true);
                burnRates.add(new ObjectiveStatus.BurnRateStatus(Objectives.ruleName(r), r.severity(), r.factor(),
                        lw, sw, burns(lw, o, r) && burns(sw, o, r)));
            }
        }
        return new ObjectiveStatus(o.objectiveId(), o.name(), o.sliKind(), a.version(), o.threshold(), o.bound(),
                o.target(), streamTime == ObjectiveState.NONE ? null : Instant.ofEpochMilli(streamTime),
                window, breaching, burnRates, openBreaches(s, o), noData(s),
                judgeable ? period(a, o, s, Math.max(nowMs, streamTime)) : null);
    }

    private static BucketedWindow windowOf(ObjectiveState s, Duration length) {
        return s == null || length == null ? null : s.windows().get(length.toMillis());
    }

    private static ObjectiveStatus.WindowStatus window(ObjectiveState s, ObjectiveSpec o, Duration length,
                                                       BucketedWindow w, boolean judgeable) {
        Units u = s == null || !judgeable ? new Units(0, 0) : StatusFigures.window(s, o, w);
        boolean seen = w != null && w.end() != BucketedWindow.NONE;
        Double percentile = o.sliKind() == SliKind.PERCENTILE && judgeable && w != null && w.hasSketch()
                ? StatusFigures.windowPercentile(o, w) : null;
        return new ObjectiveStatus.WindowStatus(length == null ? null : length.toString(),
                seen ? Instant.ofEpochMilli(w.coveredFrom()) : null, seen ? Instant.ofEpochMilli(w.end()) : null,
                unit(o), u.good(), u.total(), u.total() == 0 ? null : Percent.of(u.good(), u.total()),
                u.total() == 0 || !judgeable ? null : Percent.burnRate(u.good(), u.total(), o.target()),
                percentile == null ? null : Percent.value(percentile));
    }

    /** The threshold rule exactly as the engine evaluates it. */
    private static boolean breaching(ObjectiveSpec o, ObjectiveStatus.WindowStatus window, BucketedWindow w) {
        if (o.sliKind() == SliKind.PERCENTILE) {
            Double q = StatusFigures.windowPercentile(o, w);
            return q != null && !o.meetsBound(q);
        }
        return Percent.below(window.good(), window.total(), o.threshold());
    }

    private static boolean burns(ObjectiveStatus.WindowStatus w, ObjectiveSpec o, BurnRateRule r) {
        return Percent.burnsAtLeast(w.good(), w.total(), o.target(), r.factor());
    }

    private static List<ObjectiveStatus.OpenBreach> openBreaches(ObjectiveState s, ObjectiveSpec o) {
        List<ObjectiveStatus.OpenBreach> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (Map.Entry<String, ObjectiveState.Rule> e : s.rules().entrySet()) {
            ObjectiveState.Rule r = e.getValue();
            if (r.breachId() == null) {
                continue;
            }
            boolean threshold = ObjectiveState.THRESHOLD_RULE.equals(e.getKey());
            String severity = threshold ? null : Objectives.ruleSeverity(o, e.getKey());
            out.add(new ObjectiveStatus.OpenBreach(r.breachId(), threshold ? BreachKind.THRESHOLD : BreachKind.BURN_RATE,
                    threshold ? null : e.getKey(), severity, Instant.ofEpochMilli(r.openedAt()),
                    r.falseSince() == ObjectiveState.NONE ? null : Instant.ofEpochMilli(r.falseSince())));
        }
        out.sort((x, y) -> x.since().compareTo(y.since()));
        return out;
    }

    private static ObjectiveStatus.NoDataStatus noData(ObjectiveState s) {
        ObjectiveState.NoData n = s == null ? null : s.noData();
        return n == null ? null : new ObjectiveStatus.NoDataStatus(n.episodeId(), Instant.ofEpochMilli(n.lastDataAt()),
                Instant.ofEpochMilli(n.detectedAt()), n.policy());
    }

    private static ObjectiveStatus.PeriodStatus period(AgreementSnapshot a, ObjectiveSpec o, ObjectiveState s,
                                                       long at) {
        if (a.effectiveFrom() != null && at < a.effectiveFrom().toEpochMilli()) {
            return null;
        }
        Period p = Objectives.periodOf(a, o, at);
        Units u = StatusFigures.period(s, o, p);
        ObjectiveState.Tally t = s == null ? null : s.openPeriod(p.start());
        Duration excluded = a.exclusions().excludedDuration(p.startInstant(), p.endInstant(), Objectives.zone(a));
        StatusFigures.Budget b = StatusFigures.budget(o, u,
                Duration.ofMillis(p.end() - p.start()).minus(excluded));
        return new ObjectiveStatus.PeriodStatus(p.startInstant(), p.endInstant(), unit(o), u.good(), u.total(),
                u.total() == 0 ? null : Percent.of(u.good(), u.total()), Percent.meets(u.good(), u.total(), o.target()),
                Duration.ofMillis(t == null ? 0 : t.noDataMs()).toString(), t == null ? 0 : t.breaches(),
                new ObjectiveStatus.ErrorBudget(b.allowedBad(), b.consumedBad(), b.remaining(), b.allowedMinutes(),
                        b.consumedMinutes(), b.remainingMinutes()));
    }

    private static String unit(ObjectiveSpec o) {
        return Objectives.slicesCount(o) ? "slices" : "events";
    }
}
