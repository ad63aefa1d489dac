package dev.surety.detector.alerting;

/**
 * The counts of an objective's threshold window as they stand: events (RATIO, THRESHOLD) and
 * closed slices (TIME_SLICE), from which a re-sent alert states the current SLI.
 */
public record WindowFigures(long good, long total, long goodSlices, long dataSlices) {
}
