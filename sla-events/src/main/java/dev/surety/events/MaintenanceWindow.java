package dev.surety.events;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A maintenance window of an agreement: one-off, or recurring by an iCalendar RRULE evaluated in
 * local time of {@code timeZone}. Only an excludable window removes time from the objectives; a
 * window announced later than the agreement's minimum notice is kept on record but not excludable.
 *
 * @param windowId    stable id inside the agreement
 * @param title       what is maintained
 * @param start       the first (or only) start
 * @param duration    length of each occurrence
 * @param rrule       recurrence rule (RFC 5545 subset, see {@link Recurrence}); null for a one-off window
 * @param timeZone    IANA zone the rule is evaluated in; null means the agreement's zone
 * @param announcedAt when the customer was told
 * @param excludable  whether the window was announced in time and so removes time from the objectives
 */
public record MaintenanceWindow(
        String windowId,
        @OptionalField String title,
        Instant start,
        Duration duration,
        @OptionalField String rrule,
        @OptionalField String timeZone,
        @OptionalField Instant announcedAt,
        boolean excludable) {

    /** The occurrences that overlap [from, to), in order. */
    public List<TimeRange> occurrences(Instant from, Instant to, ZoneId agreementZone) {
        List<TimeRange> out = new ArrayList<>();
        if (rrule == null || rrule.isBlank()) {
            TimeRange r = new TimeRange(start, start.plus(duration));
            if (r.overlaps(from, to)) {
                out.add(r);
            }
            return out;
        }
        ZoneId zone = timeZone == null ? agreementZone : ZoneId.of(timeZone);
        ZonedDateTime first = start.atZone(zone);
        for (ZonedDateTime s : Recurrence.parse(rrule).starts(first, to)) {
            TimeRange r = new TimeRange(s.toInstant(), s.toInstant().plus(duration));
            if (r.overlaps(from, to)) {
                out.add(r);
            }
        }
        return out;
    }
}
