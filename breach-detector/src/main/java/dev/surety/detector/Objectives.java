package dev.surety.detector;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.BurnRateRule;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads what this detector needs from an objective of an agreement snapshot: whether it can be
 * judged at all, its compliance periods, window and hold time, all in epoch milliseconds.
 */
public final class Objectives {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Objectives() {
    }

    /** Why this objective cannot be judged, or null when it can. */
    public static String problem(AgreementSnapshot a, ObjectiveSpec o) {
        if (o.sliKind() == null) {
            return "missing SLI kind";
        }
        if (o.target() == null || o.target().signum() <= 0 || o.target().compareTo(HUNDRED) >= 0) {
            return "target must be strictly between 0 and 100";
        }
        if (o.sliKind() == SliKind.PERCENTILE) {
            if (o.comparison() == null || o.bound() == null || o.percentile() == null
                    || o.percentile().signum() <= 0 || o.percentile().compareTo(HUNDRED) > 0) {
                return "a PERCENTILE objective needs comparison, bound and a percentile in (0, 100]";
            }
        } else if (o.threshold() == null) {
            return "missing threshold";
        }
        if (o.sliKind() == SliKind.TIME_SLICE && (o.comparison() == null || o.bound() == null)) {
            return "a TIME_SLICE objective needs comparison and bound";
        }
        if (slicesCount(o) && !wholePositiveMillis(o.effectiveSlice())) {
            return "slice must be a positive whole number of milliseconds";
        }
        for (BurnRateRule r : o.burnRateRules()) {
            if (r.factor() == null || r.factor().signum() <= 0 || !wholePositiveMillis(r.longWindow())
                    || !wholePositiveMillis(r.shortWindow())) {
                return "burn-rate rule " + ruleName(r) + " needs a positive factor and positive windows";
            }
        }
        if (!wholePositiveMillis(o.window())) {
            return "window must be a positive whole number of milliseconds";
        }
        if (o.holdTime() != null && (o.holdTime().isNegative())) {
            return "negative hold time";
        }
        if (o.period() == null) {
            return "missing period";
        }
        if (ObjectiveSpec.CALENDAR_MONTH.equals(o.period())) {
            try {
                zone(a);
            } catch (DateTimeException e) {
                return "unknown time zone " + a.timeZone();
            }
            return null;
        }
        try {
            if (!wholePositiveMillis(Duration.parse(o.period()))) {
                return "period must be a positive whole number of milliseconds";
            }
        } catch (DateTimeParseException e) {
            return "period is neither CALENDAR_MONTH nor an ISO-8601 duration";
        }
        return a.effectiveFrom() == null ? "a duration period needs effectiveFrom" : null;
    }

    /** Whether {@code t} lies inside {@code [effectiveFrom, effectiveTo)} (open ends are unbounded). */
    public static boolean inEffect(AgreementSnapshot a, long t) {
        return (a.effectiveFrom() == null || t >= a.effectiveFrom().toEpochMilli())
                && (a.effectiveTo() == null || t < a.effectiveTo().toEpochMilli());
    }

    /**
     * The compliance period holding {@code t}: the calendar month of {@code t} in the agreement's
     * time zone, or {@code [effectiveFrom + k*d, effectiveFrom + (k+1)*d)} for a duration {@code d}.
     */
    public static Period periodOf(AgreementSnapshot a, ObjectiveSpec o, long t) {
        if (ObjectiveSpec.CALENDAR_MONTH.equals(o.period())) {
            ZoneId zone = zone(a);
            ZonedDateTime local = Instant.ofEpochMilli(t).atZone(zone);
            ZonedDateTime start = local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
            ZonedDateTime end = local.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone);
            return new Period(start.toInstant().toEpochMilli(), end.toInstant().toEpochMilli());
        }
        long d = Duration.parse(o.period()).toMillis();
        long from = a.effectiveFrom().toEpochMilli();
        long start = Math.addExact(from, Math.multiplyExact(Math.floorDiv(t - from, d), d));
        return new Period(start, start + d);
    }

    /** Whether compliance and burn rates of this objective count time slices instead of events. */
    public static boolean slicesCount(ObjectiveSpec o) {
        return o.sliKind() == SliKind.TIME_SLICE || o.sliKind() == SliKind.PERCENTILE;
    }

    /** A burn-rate rule's name: its own, else one built from its numbers. */
    public static String ruleName(BurnRateRule r) {
        return r.name() != null && !r.name().isBlank() ? r.name()
                : "burn-" + r.factor().stripTrailingZeros().toPlainString() + "x-" + r.longWindow() + "-" + r.shortWindow();
    }

    /** The severity of the burn-rate rule an objective's state knows by {@code ruleName}; null for the threshold rule. */
    public static String ruleSeverity(ObjectiveSpec o, String ruleName) {
        return o.burnRateRules().stream()
                .filter(b -> ruleName(b).equals(ruleName))
                .map(BurnRateRule::severity).findFirst().orElse(null);
    }

    public static long sliceMs(ObjectiveSpec o) {
        return o.effectiveSlice().toMillis();
    }

    public static long windowMs(ObjectiveSpec o) {
        return o.window().toMillis();
    }

    /** Hold time in ms; an absent hold time means resolve on the first good evaluation. */
    public static long holdMs(ObjectiveSpec o) {
        return o.holdTime() == null ? 0 : o.holdTime().toMillis();
    }

    public static ZoneId zone(AgreementSnapshot a) {
        return a.timeZone() == null || a.timeZone().isBlank() ? ZoneOffset.UTC : ZoneId.of(a.timeZone());
    }

    private static boolean wholePositiveMillis(Duration d) {
        return d != null && !d.isNegative() && !d.isZero() && d.getNano() % 1_000_000 == 0;
    }
}
