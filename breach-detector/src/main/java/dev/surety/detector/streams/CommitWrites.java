package dev.surety.detector.streams;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The stores that keep changes until the commit ({@link WriteBackStore}, {@link SeenIdsStore}), per stream thread:
 * the first of them Kafka Streams flushes in a commit writes the changes of all of them on that thread. Kafka Streams
 * prepares a commit task by task, each time flushing the task's stores and then the producer, and waits for every
 * record sent to be acknowledged; under exactly-once v2 the thread's tasks share one producer and one transaction, so
 * with each task's changes sent only in its own turn a commit waited for one produce round trip per task with
 * changes. Written all at once, they go in one round trip and the later tasks' flushes find nothing to wait for.
 *
 * <p>A task's changes written in another task's turn are in the same transaction (exactly-once v2 commits every
 * task of the thread together); at-least-once only needs them sent before the offsets are committed, as they are.
 * One instance per built topology, like {@link CommitThrottle}; a store is written only by the thread that wrote
 * its changes (a task that moved to another thread is not written from the old one).
 */
final class CommitWrites {

    /** A store holding changes until the commit. */
    interface Pending {
        /** Writes the changes into the store and its changelog, if the calling thread is the one that made them. */
        void writePending();
    }

    private final ThreadLocal<Set<Pending>> pending = ThreadLocal.withInitial(LinkedHashSet::new);

    /** {@code store} holds changes made on this thread (called on its first change since it was last written). */
    void changed(Pending store) {
        pending.get().add(store);
    }

    /** Writes the changes of every store that holds some on this thread. */
    void writeAll() {
        Set<Pending> stores = pending.get();
        if (stores.isEmpty()) {
            return;
        }
        List<Pending> now = new ArrayList<>(stores);
        stores.clear();
        for (Pending store : now) {
            store.writePending();
        }
    }
}
