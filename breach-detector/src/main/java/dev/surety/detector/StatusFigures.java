package dev.surety.detector;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.ObjectiveSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads the live figures of one objective out of its {@link ObjectiveState} the way the rules see
 * them: good and valid units of a window or a period (events, or judged slices plus open slices
 * with their current verdict), and the error budget of a period. Read-only and free of Kafka.
 */
public final class StatusFigures {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal MINUTE_MS = BigDecimal.valueOf(60_000);

    private StatusFigures() {
    }

    /** Good and valid units: events (RATIO, THRESHOLD) or slices (TIME_SLICE, PERCENTILE). */
    public record Units(long good, long total) {

        public long bad() {
            return total - good;
        }
    }

    /**
     * The error budget of a period. For event objectives the budget is a share of the events seen so
     * far (the period's total is not known before it ends); for slice objectives it is a share of the
     * period's time without excluded maintenance, so it also reads in minutes.
     *
     * @param allowedBad        bad units the target allows: events so far, or slices of the whole period
     * @param consumedBad       bad units so far
     * @param remaining         {@code 1 - consumed / allowed}, negative when overspent; null when nothing is allowed yet
     * @param allowedMinutes    slice objectives: budget of the whole period in minutes; else null
     * @param consumedMinutes   slice objectives: bad slices in minutes; else null
     * @param remainingMinutes  slice objectives: allowed minus consumed minutes; else null
     */
    public record Budget(BigDecimal allowedBad, long consumedBad, BigDecimal remaining, BigDecimal allowedMinutes,
                         BigDecimal consumedMinutes, BigDecimal remainingMinutes) {
    }

    /**
     * The version that judges the objective's rules at stream time {@code t}, as the engine picks it:
     * the version in force at {@code t} when it is ACTIVE and can judge the objective, else {@code fallback}.
     */
    public static AgreementSnapshot judging(AgreementHistory history, String objectiveId, long t,
                                            AgreementSnapshot fallback) {
        if (t == ObjectiveState.NONE) {
            return fallback;
        }
        AgreementSnapshot v = history.inForce(t);
        ObjectiveSpec o = v.objective(objectiveId);
        return v.status() == AgreementStatus.ACTIVE && o != null && Objectives.problem(v, o) == null ? v : fallback;
    }

    /** A window's units as its rules count them: closed slices in the window plus open slices it covers. */
    public static Units window(ObjectiveState s, ObjectiveSpec o, BucketedWindow w) {
        if (w == null) {
            return new Units(0, 0);
        }
        if (!Objectives.slicesCount(o)) {
            return new Units(w.good(), w.total());
        }
        long good = w.goodSlices();
        long total = w.dataSlices();
        long from = w.coveredFrom();
        for (Map.Entry<Long, ObjectiveState.Slice> e : s.openSlices().entrySet()) {
            if (e.getKey() >= from) {
                Boolean g = ObjectiveEngine.sliceGood(o, e.getValue());
                if (g != null) {
                    total++;
                    good += g ? 1 : 0;
                }
            }
        }
        return new Units(good, total);
    }

    /** The PERCENTILE threshold window's percentile, or null without samples (or another SLI kind). */
    public static Double windowPercentile(ObjectiveSpec o, BucketedWindow w) {
        if (w == null || o.percentile() == null || w.sketch() == null || w.sketch().isEmpty()) {
            return null;
        }
        return w.sketch().percentile(o.percentile().doubleValue());
    }

    /** A period's units so far, as a PROVISIONAL record would count them (open slices with their current verdict). */
    public static Units period(ObjectiveState s, ObjectiveSpec o, Period p) {
        ObjectiveState.Tally t = s == null ? null : s.openPeriod(p.start());
        long good = t == null ? 0 : t.good();
        long total = t == null ? 0 : t.total();
        if (s != null && Objectives.slicesCount(o)) {
            for (Map.Entry<Long, ObjectiveState.Slice> e : s.openSlices().subMap(p.start(), p.end()).entrySet()) {
                Boolean g = ObjectiveEngine.sliceGood(o, e.getValue());
                if (g != null) {
                    total++;
                    good += g ? 1 : 0;
                }
            }
        }
        return new Units(good, total);
    }

    /**
     * The open slices of period {@code p} that have data, by start, with their current verdict
     * (good or not): what a PROVISIONAL record and the status add to the period's tally.
     */
    public static NavigableMap<Long, Boolean> openSlices(ObjectiveState s, ObjectiveSpec o, Period p) {
        TreeMap<Long, Boolean> out = new TreeMap<>();
        if (s == null || !Objectives.slicesCount(o)) {
            return out;
        }
        for (Map.Entry<Long, ObjectiveState.Slice> e : s.openSlices().subMap(p.start(), p.end()).entrySet()) {
            Boolean g = ObjectiveEngine.sliceGood(o, e.getValue());
            if (g != null) {
                out.put(e.getKey(), g);
            }
        }
        return out;
    }

    /**
     * The error budget of period {@code p} with {@code u} counted so far; {@code budgetTime} is the
     * period's length minus its excluded maintenance (used by slice objectives only).
     */
    public static Budget budget(ObjectiveSpec o, Units u, Duration budgetTime) {
        BigDecimal share = HUNDRED.subtract(o.target()).divide(HUNDRED);
        if (!Objectives.slicesCount(o)) {
            BigDecimal allowed = share.multiply(BigDecimal.valueOf(u.total()));
            return new Budget(scaled(allowed), u.bad(), remaining(allowed, BigDecimal.valueOf(u.bad())), null, null,
                    null);
        }
        BigDecimal sliceMs = BigDecimal.valueOf(Objectives.sliceMs(o));
        BigDecimal budgetMs = share.multiply(BigDecimal.valueOf(budgetTime.toMillis()));
        BigDecimal consumedMs = sliceMs.multiply(BigDecimal.valueOf(u.bad()));
        BigDecimal allowedMinutes = budgetMs.divide(MINUTE_MS, Percent.SCALE, RoundingMode.DOWN);
        BigDecimal consumedMinutes = consumedMs.divide(MINUTE_MS, Percent.SCALE, RoundingMode.UP);
        return new Budget(budgetMs.divide(sliceMs, Percent.SCALE, RoundingMode.DOWN), u.bad(),
                remaining(budgetMs, consumedMs), allowedMinutes, consumedMinutes,
                allowedMinutes.subtract(consumedMinutes));
    }

    /** {@code 1 - consumed / allowed}, rounded toward minus infinity (never shows more budget than there is). */
    private static BigDecimal remaining(BigDecimal allowed, BigDecimal consumed) {
        if (allowed.signum() == 0) {
            return null;
        }
        return BigDecimal.ONE.subtract(consumed.divide(allowed, Percent.SCALE + 4, RoundingMode.UP))
                .setScale(Percent.SCALE, RoundingMode.FLOOR);
    }

    private static BigDecimal scaled(BigDecimal v) {
        return v.setScale(Percent.SCALE, RoundingMode.DOWN);
    }
}
