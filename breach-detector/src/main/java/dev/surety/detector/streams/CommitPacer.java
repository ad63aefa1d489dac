package dev.surety.detector.streams;

/**
 * Paces a stream thread's commits by the detector's own interval ({@code surety.detector.commit-interval}): a thread
 * with work not yet committed (records processed, records or state written) asks for a commit once the interval has
 * passed since its last commit of any kind. Kafka Streams' own timer (kafka-streams.commit.interval.ms) counts only
 * the commits it started itself, so with it short a regular commit often ran right after one a breach had asked for:
 * two transactions where one would do. Counting the requested ones too, an early commit takes the interval's place
 * instead of adding one, and Kafka Streams' interval is left as a long backstop.
 *
 * <p>A commit is seen through {@link CommitWrites#flushes()}: the thread's stores are flushed in every commit of a
 * task that has work, so the count has changed by the next record or punctuation. The commit is dated then, not when
 * it ran: at most one punctuation late for an idle thread, and an idle thread has nothing to commit until it
 * processes again. One instance per built topology, like {@link CommitThrottle}; each stream thread keeps its own
 * state.
 */
final class CommitPacer {

    private final long intervalMs;
    private final CommitWrites writes;
    private final ThreadLocal<Pace> pace = ThreadLocal.withInitial(Pace::new);

    /** One stream thread's view of its commits. */
    private static final class Pace {
        private boolean started;
        private long flushesSeen;
        private long lastCommitMs;
        private boolean uncommitted;
    }

    /** {@code intervalMs} of 0 or less: no pacing (Kafka Streams' commit interval alone, and breach requests). */
    CommitPacer(long intervalMs, CommitWrites writes) {
        this.intervalMs = intervalMs;
        this.writes = writes;
    }

    boolean enabled() {
        return intervalMs > 0;
    }

    /**
     * This thread has work for the next commit (a record processed, something written); true when the commit is due
     * (see {@link #due(long)}).
     */
    boolean worked(long nowMs) {
        observe(nowMs).uncommitted = true;
        return due(nowMs);
    }

    /** True when this thread has work not yet committed and its last commit is at least the interval before nowMs. */
    boolean due(long nowMs) {
        if (!enabled()) {
            return false;
        }
        Pace p = observe(nowMs);
        if (nowMs < p.lastCommitMs) {
            // Kafka Streams' cached time of a record can trail a punctuation's by a little: counted from now.
            p.lastCommitMs = nowMs;
        }
        return p.uncommitted && nowMs - p.lastCommitMs >= intervalMs;
    }

    /** Takes note of a commit since the last call; the thread's first call counts as one (nothing is owed yet). */
    private Pace observe(long nowMs) {
        Pace p = pace.get();
        long flushes = writes.flushes();
        if (!p.started || flushes != p.flushesSeen) {
            p.started = true;
            p.flushesSeen = flushes;
            p.lastCommitMs = nowMs;
            p.uncommitted = false;
        }
        return p;
    }
}
