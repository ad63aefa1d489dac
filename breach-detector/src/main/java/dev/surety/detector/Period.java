package dev.surety.detector;

import java.time.Instant;

/** One compliance period {@code [start, end)} in epoch milliseconds. */
public record Period(long start, long end) {

    public Instant startInstant() {
        return Instant.ofEpochMilli(start);
    }

    public Instant endInstant() {
        return Instant.ofEpochMilli(end);
    }
}
