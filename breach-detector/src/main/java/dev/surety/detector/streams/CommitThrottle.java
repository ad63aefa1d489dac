package dev.surety.detector.streams;

/**
 * Paces the early commits breach events ask for, per stream thread. Under exactly-once v2 a commit covers every task
 * of the thread (one producer, one transaction per thread), and Kafka Streams commits all of a thread's tasks as soon
 * as one of them asks; so a thread asks at most once per spacing, whichever of its tasks has the breach. A throttle per
 * task would let a thread with three tasks ask three times per spacing in a storm of breaches.
 *
 * <p>One instance per built topology (tasks of different topologies in one JVM, as in tests, never pace each other);
 * each stream thread keeps its own last-request time. A clock that goes back (a test's mocked wall-clock) counts as a
 * spacing passed.
 */
final class CommitThrottle {

    private final long spacingMs;
    private final ThreadLocal<long[]> lastRequest = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

    CommitThrottle(long spacingMs) {
        this.spacingMs = Math.max(0, spacingMs);
    }

    /** True (and the time is taken) when this thread has not asked for a commit within the spacing before {@code nowMs}. */
    boolean tryAcquire(long nowMs) {
        long[] last = lastRequest.get();
        if (last[0] != Long.MIN_VALUE && nowMs >= last[0] && nowMs - last[0] < spacingMs) {
            return false;
        }
        last[0] = nowMs;
        return true;
    }
}
