package dev.surety.events;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Time and events that do not count against an agreement's objectives.
 *
 * @param maintenanceWindows announced maintenance, one-off or recurring
 * @param minimumNotice      how long before a window it must be announced to be excludable (null: no minimum)
 * @param excludedCauses     causes that do not count (e.g. {@code customer}, {@code force-majeure}); a
 *                           raw sample whose {@code cause} label is one of them is left out of the SLI
 */
public record Exclusions(
        @OptionalField List<MaintenanceWindow> maintenanceWindows,
        @OptionalField Duration minimumNotice,
        @OptionalField List<String> excludedCauses) {

    /** The label of a raw sample that names its cause. */
    public static final String CAUSE_LABEL = "cause";

    public static final Exclusions NONE = new Exclusions(List.of(), null, List.of());

    public Exclusions {
        maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
        excludedCauses = excludedCauses == null ? List.of() : List.copyOf(excludedCauses);
    }

    /** The excludable maintenance time overlapping [from, to), merged and clipped to it. */
    public List<TimeRange> excludedTime(Instant from, Instant to, ZoneId agreementZone) {
        List<TimeRange> all = new ArrayList<>();
        for (MaintenanceWindow w : maintenanceWindows) {
            if (w.excludable()) {
                all.addAll(w.occurrences(from, to, agreementZone));
            }
        }
        all.sort(Comparator.comparing(TimeRange::start));
        List<TimeRange> merged = new ArrayList<>();
        for (TimeRange r : all) {
            Instant s = r.start().isBefore(from) ? from : r.start();
            Instant e = r.end().isAfter(to) ? to : r.end();
            if (!merged.isEmpty() && !s.isAfter(merged.get(merged.size() - 1).end())) {
                TimeRange last = merged.remove(merged.size() - 1);
                merged.add(new TimeRange(last.start(), e.isAfter(last.end()) ? e : last.end()));
            } else {
                merged.add(new TimeRange(s, e));
            }
        }
        return merged;
    }

    /** Whether {@code t} falls inside excludable maintenance. */
    public boolean isExcluded(Instant t, ZoneId agreementZone) {
        return !excludedTime(t, t.plusNanos(1), agreementZone).isEmpty();
    }

    /** Total excludable maintenance time inside [from, to). */
    public Duration excludedDuration(Instant from, Instant to, ZoneId agreementZone) {
        return excludedTime(from, to, agreementZone).stream().map(TimeRange::length).reduce(Duration.ZERO, Duration::plus);
    }

    /** Whether a sample with this cause is left out. */
    public boolean isExcludedCause(String cause) {
        return cause != null && excludedCauses.contains(cause);
    }
}
