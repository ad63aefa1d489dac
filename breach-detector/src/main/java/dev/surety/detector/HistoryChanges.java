package dev.surety.detector;

import java.util.ArrayList;
import java.util.List;

/**
 * What one engine call added to the period history of an objective: good/valid units per period
 * hour, exactly as they went into the period tallies, and the latest period it finalized. Carried
 * on the {@link ObjectiveState} it concerns but never encoded with it; the processor drains it into
 * the history store in the same Kafka transaction as the state.
 */
public final class HistoryChanges {

    /** Units counted into one hour of one period. */
    public static final class Count {
        private final long periodStart;
        private final long hour;
        private long good;
        private long valid;

        Count(long periodStart, long hour, long good, long valid) {
            this.periodStart = periodStart;
            this.hour = hour;
            this.good = good;
            this.valid = valid;
        }

        public long periodStart() {
            return periodStart;
        }

        public long hour() {
            return hour;
        }

        public long good() {
            return good;
        }

        public long valid() {
            return valid;
        }
    }

    private final List<Count> counts = new ArrayList<>(2);
    private long finalizedPeriodStart = ObjectiveState.NONE;

    void count(Period p, long at, long good, long valid) {
        long hour = Math.floorDiv(at - p.start(), HistoryKeys.HOUR_MS);
        if (!counts.isEmpty()) {
            // Consecutive units of one hour (slices closed together, silent slices) make one store write.
            Count last = counts.get(counts.size() - 1);
            if (last.periodStart == p.start() && last.hour == hour) {
                last.good = Math.addExact(last.good, good);
                last.valid = Math.addExact(last.valid, valid);
                return;
            }
        }
        counts.add(new Count(p.start(), hour, good, valid));
    }

    void finalized(Period p) {
        finalizedPeriodStart = Math.max(finalizedPeriodStart, p.start());
    }

    public List<Count> counts() {
        return counts;
    }

    /** Start of the latest period finalized by the call, or {@link ObjectiveState#NONE}. */
    public long finalizedPeriodStart() {
        return finalizedPeriodStart;
    }
}
