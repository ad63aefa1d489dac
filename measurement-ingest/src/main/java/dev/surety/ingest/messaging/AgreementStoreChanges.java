package dev.surety.ingest.messaging;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the writes to the global agreement store, so that stream threads know when the routing index they derived
 * from it is stale. The store stays the only state: the index is rebuilt from it whenever the count moved since it
 * was built (and at first use, which covers what a restart restored without running the updater).
 */
final class AgreementStoreChanges {

    private final AtomicLong writes = new AtomicLong();

    /** Called by the store's updater after every put or delete. */
    void changed() {
        writes.incrementAndGet();
    }

    /** Read before reading the store, so that a write during the read makes the result stale, never lost. */
    long generation() {
        return writes.get();
    }
}
