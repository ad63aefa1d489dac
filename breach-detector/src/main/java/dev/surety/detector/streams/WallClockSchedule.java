package dev.surety.detector.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One task's objectives by the next wall-clock time at which the wall-clock punctuation can change
 * anything for them (see {@code ObjectiveEngine.nextWallClock}), so a punctuation touches only the
 * objectives that are due instead of every objective of the task. In memory only: it is rebuilt
 * when the task starts (the first punctuation visits every objective, as before), so nothing about
 * it needs to survive a restart or rebalance.
 */
final class WallClockSchedule {

    /** No wall-clock deadline: only a measurement or a new agreement version can change the objective. */
    static final long NEVER = Long.MAX_VALUE;

    private record Due(long at, String key) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private final Map<String, Long> byKey = new HashMap<>();
    private final TreeSet<Due> byTime = new TreeSet<>();

    /** Schedules {@code key} at {@code at} (replacing its previous time); {@link #NEVER} unschedules it. */
    void set(String key, long at) {
        Long previous = at == NEVER ? byKey.remove(key) : byKey.put(key, at);
        if (previous != null) {
            if (previous == at) {
                return;
            }
            byTime.remove(new Due(previous, key));
        }
        if (at != NEVER) {
            byTime.add(new Due(at, key));
        }
    }

    /** Removes and returns the (at most {@code max}) keys due earliest, at or before {@code wallMs}. */
    List<String> takeDue(long wallMs, int max) {
        List<String> due = new ArrayList<>();
        while (due.size() < max && !byTime.isEmpty() && byTime.first().at() <= wallMs) {
            Due d = byTime.pollFirst();
            byKey.remove(d.key());
            due.add(d.key());
        }
        return due;
    }

    /** The time {@code key} is scheduled at, or {@link #NEVER}. */
    long at(String key) {
        return byKey.getOrDefault(key, NEVER);
    }

    int size() {
        return byKey.size();
    }

    void clear() {
        byKey.clear();
        byTime.clear();
    }
}
