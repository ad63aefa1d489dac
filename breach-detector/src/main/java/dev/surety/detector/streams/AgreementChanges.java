package dev.surety.detector.streams;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells the objective processors which agreements changed in the global store: the store updater
 * (global thread) records the id after each write, each processor (one per task, on the stream
 * threads) takes the ids recorded since it last asked and re-examines that agreement's objectives
 * at its next wall-clock punctuation. One instance per built topology, so two topologies in one
 * JVM (tests) never see each other's changes. Changes recorded while no processor listens are
 * dropped: a processor starting later examines all its objectives anyway.
 */
final class AgreementChanges {

    private final List<String> log = new ArrayList<>();
    /** Position in the whole history of changes of {@code log.get(0)}. */
    private long base;
    private final Map<Object, Long> cursors = new IdentityHashMap<>();

    synchronized void changed(String agreementId) {
        if (!cursors.isEmpty()) {
            log.add(agreementId);
        }
    }

    /** From now on, changes are kept for {@code listener} until it takes them. */
    synchronized void subscribe(Object listener) {
        cursors.put(listener, base + log.size());
    }

    synchronized void unsubscribe(Object listener) {
        cursors.remove(listener);
        trim();
    }

    /** The agreements changed since {@code listener} last asked (each once), oldest first. */
    synchronized Set<String> take(Object listener) {
        Long from = cursors.get(listener);
        if (from == null || from == base + log.size()) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>(log.subList((int) (from - base), log.size()));
        cursors.put(listener, base + log.size());
        trim();
        return ids;
    }

    private void trim() {
        long min = base + log.size();
        for (long c : cursors.values()) {
            min = Math.min(min, c);
        }
        int drop = (int) (min - base);
        if (drop > 0) {
            log.subList(0, drop).clear();
            base = min;
        }
    }
}
