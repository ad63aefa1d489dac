package dev.surety.devstack;

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
     * The lag a detector fed {@code rate} measurements/s may have and still be keeping up: a fifth of a second of
     * traffic, at least 50 records (the committed offsets trail by up to a commit interval, the producer lingers).
     */
    static long allowedLag(double rate) {
        return Math.max(50, (long) (rate / 5));
    }

    void record(long lag) {
        count++;
        if (lag > allowed) {
            over++;
        }
        max = Math.max(max, lag);
    }

    void unreadable() {
        count++;
        over++;
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
