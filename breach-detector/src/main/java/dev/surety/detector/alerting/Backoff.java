package dev.surety.detector.alerting;

import java.time.Duration;

/**
 * Exponential backoff with jitter: after the n-th failed attempt the pause is
 * {@code min(max, initial * 2^(n-1))}, of which a random share up to {@code jitter} is taken off,
 * so retries of many deliveries that failed together spread out instead of arriving together.
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within [0, 1]");
        }
    }

    /**
     * The pause after {@code failedAttempts} failed attempts (1 for the first).
     *
     * @param random uniform in [0, 1): 0 gives the full backoff, values near 1 take off the whole jitter share
     */
    public Duration delay(int failedAttempts, double random) {
        long initialMs = initial.toMillis();
        long maxMs = max.toMillis();
        int doublings = Math.max(0, failedAttempts - 1);
        long base = doublings >= 62 || initialMs > (maxMs >> Math.min(doublings, 62)) ? maxMs
                : Math.min(maxMs, initialMs << doublings);
        return Duration.ofMillis(base - (long) (base * jitter * random));
    }
}
