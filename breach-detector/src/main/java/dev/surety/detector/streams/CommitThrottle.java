package dev.surety.detector.streams;

/**
 * Paces the early commits breach events ask for, per stream thread. Under exactly-once v2 a commit covers every task
 * of the thread (one producer, one transaction per thread), and Kafka Streams commits all of a thread's tasks as soon
 * as one of them asks; so a thread asks at most once per spacing, whichever of its tasks has the breach. A throttle per
 * task would let a thread with three tasks ask three times per spacing in a storm of breaches.
 *
 * <p>A breach within the spacing of the last request is not dropped: the thread then owes a commit, asked for by the
 * first record or punctuation of any of its tasks once the spacing has passed ({@link #owed}). So a breach event
 * waits at most one spacing longer than the first of a storm, not a whole commit interval.
 *
 * <p>One instance per built topology (tasks of different topologies in one JVM, as in tests, never pace each other);
 * each stream thread keeps its own state. A clock that goes back (a test's mocked wall-clock) counts as a spacing
 * passed.
 */
final class CommitThrottle {

    private final long spacingMs;
    private final ThreadLocal<Pace> pace = ThreadLocal.withInitial(Pace::new);

    /** One stream thread's last request, and whether a breach since then still waits for one. */
    private static final class Pace {
        private long lastMs = Long.MIN_VALUE;
        private boolean owed;
    }

    CommitThrottle(long spacingMs) {
        this.spacingMs = Math.max(0, spacingMs);
    }

    /** The spacing, in ms; 0 when every breach asks at once. */
    long spacingMs() {
        return spacingMs;
    }

    /**
     * A breach event was forwarded at {@code nowMs}: true when the caller should ask for a commit now; otherwise the
     * thread owes one, asked for once the spacing has passed.
     */
    boolean breach(long nowMs) {
        Pace p = pace.get();
        if (spaced(p, nowMs)) {
            p.lastMs = nowMs;
            p.owed = false;
            return true;
        }
        p.owed = true;
        return false;
    }

    /** True (and the request is taken) when this thread owes a commit and the spacing has passed at {@code nowMs}. */
    boolean owed(long nowMs) {
        Pace p = pace.get();
        if (p.owed && spaced(p, nowMs)) {
            p.lastMs = nowMs;
            p.owed = false;
            return true;
        }
        return false;
    }

    private boolean spaced(Pace p, long nowMs) {
        return p.lastMs == Long.MIN_VALUE || nowMs < p.lastMs || nowMs - p.lastMs >= spacingMs;
    }
}
