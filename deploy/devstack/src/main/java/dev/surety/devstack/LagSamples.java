package dev.surety.devstack;

import java.util.OptionalLong;

/**
 * Checks of a consumer group's lag against the bar of the detector benchmark: how many, how many above the bar (a
 * check that could not read the lag counts as one above it), the largest lag read. Used by one thread at a time.
 */
final class LagSamples {

    private final long allowed;
    private long count;
    private long over;
    private long max;

    LagSamples(long allowed) {
        this.allowed = allowed;
    }

    /**
     * The lag a detector fed {@code rate} measurements/s and committing every {@code commitIntervalMs} may have and
     * still be keeping up: the records of one commit interval (the committed offsets trail the processed ones by up to
     * that much, so a lag read from them swings between about zero and a commit interval of traffic however fast the
     * detector is) plus a fifth of a second of traffic (records in flight, the producer's linger, the poll), at least
     * 50 records.
     */
    static long allowedLag(double rate, long commitIntervalMs) {
        return Math.max(50, (long) (rate * (0.2 + Math.max(0, commitIntervalMs) / 1000.0)));
    }

    /**
     * Records one check; an empty {@code lag} (it could not be read) counts as one above the bar.
     *
     * @return whether the check was within the bar
     */
    boolean check(OptionalLong lag) {
        count++;
        lag.ifPresent(l -> max = Math.max(max, l));
        boolean within = lag.isPresent() && lag.getAsLong() <= allowed;
        if (!within) {
            over++;
        }
        return within;
    }

    long allowed() {
        return allowed;
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    /** Share of the checks above the bar; 0 without checks. */
    double overShare() {
        return count == 0 ? 0.0 : (double) over / count;
    }

    /** At least one check, and every one within the bar. */
    boolean flat() {
        return count > 0 && over == 0;
    }
}
