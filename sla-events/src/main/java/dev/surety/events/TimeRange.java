package dev.surety.events;

import java.time.Duration;
import java.time.Instant;

/** A half-open span of time [start, end). */
public record TimeRange(Instant start, Instant end) {

    public TimeRange {
        if (start == null || end == null || end.isBefore(start)) {
            throw new IllegalArgumentException("a time range needs start <= end");
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && from.isBefore(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
