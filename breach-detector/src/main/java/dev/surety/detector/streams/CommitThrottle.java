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
    private final ThreadLocal<LastRequest> lastRequest = ThreadLocal.withInitial(LastRequest::new);

    /** One stream thread's last request for a commit. */
    private static final class LastRequest {
        private boolean made;
        private long atMs;
    }

    CommitThrottle(long spacingMs) {
        this.spacingMs = Math.max(0, spacingMs);
    }

    /** True (and the time is taken) when this thread has not asked for a commit within the spacing before nowMs. */
    boolean tryAcquire(long nowMs) {
        LastRequest last = lastRequest.get();
        if (last.made && nowMs >= last.atMs && nowMs - last.atMs < spacingMs) {
            return false;
        }
        last.made = true;
        last.atMs = nowMs;
        return true;
    }
}
