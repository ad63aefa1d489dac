package dev.surety.detector;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The measurements an objective applied within the last grace period, in event-time order: what is
 * needed to judge the rules again, as they stood at an earlier event time, when a measurement arrives
 * out of order. Bounded: at most {@link #CAPACITY} entries; {@link #completeFrom()} tells from which
 * event time on the list holds every applied measurement.
 */
final class RecentMeasurements {

    /** Most measurements kept; an objective with more per grace period loses the look back for the oldest. */
    static final int CAPACITY = 64;

    private long[] times = new long[4];
    private long[] good = new long[4];
    private long[] total = new long[4];
    /** The measurement's value, NaN when it had none. */
    private double[] values = new double[4];
    private int size;
    /** Every applied measurement at or after this time is in the list. */
    private long completeFrom;

    RecentMeasurements(long completeFrom) {
        this.completeFrom = completeFrom;
    }

    long completeFrom() {
        return completeFrom;
    }

    int size() {
        return size;
    }

    /** Adds a measurement after those at the same or an earlier time. */
    void add(long t, long g, long n, Double value) {
        if (size == CAPACITY) {
            completeFrom = Math.max(completeFrom, times[0] + 1);
            removeFirst(1);
        }
        if (size == times.length) {
            int grown = Math.min(CAPACITY, size * 2);
            times = Arrays.copyOf(times, grown);
            good = Arrays.copyOf(good, grown);
            total = Arrays.copyOf(total, grown);
            values = Arrays.copyOf(values, grown);
        }
        int at = size;
        while (at > 0 && times[at - 1] > t) {
            at--;
        }
        int tail = size - at;
        if (tail > 0) {
            System.arraycopy(times, at, times, at + 1, tail);
            System.arraycopy(good, at, good, at + 1, tail);
            System.arraycopy(total, at, total, at + 1, tail);
            System.arraycopy(values, at, values, at + 1, tail);
        }
        times[at] = t;
        good[at] = g;
        total[at] = n;
        values[at] = value == null ? Double.NaN : value;
        size++;
    }

    /** Forgets the measurements before {@code cutoff}; the list stays complete from there on. */
    void forgetBefore(long cutoff) {
        int drop = 0;
        while (drop < size && times[drop] < cutoff) {
            drop++;
        }
        removeFirst(drop);
        completeFrom = Math.max(completeFrom, cutoff);
    }

    private void removeFirst(int n) {
        if (n == 0) {
            return;
        }
        int rest = size - n;
        System.arraycopy(times, n, times, 0, rest);
        System.arraycopy(good, n, good, 0, rest);
        System.arraycopy(total, n, total, 0, rest);
        System.arraycopy(values, n, values, 0, rest);
        size = rest;
    }

    /** The distinct times from {@code from} on, ascending. */
    long[] timesFrom(long from) {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] >= from && (n == 0 || out[n - 1] != times[i])) {
                out[n++] = times[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Good and total of the measurements after {@code after} and before {@code before}. */
    long[] goodTotalBetween(long after, long before) {
        long g = 0;
        long n = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] > after && times[i] < before) {
                g += good[i];
                n += total[i];
            }
        }
        return new long[] {g, n};
    }

    /** The values of the measurements after {@code after} and before {@code before}, as a sketch. */
    LogHistogram valuesBetween(long after, long before) {
        LogHistogram h = new LogHistogram();
        for (int i = 0; i < size; i++) {
            if (times[i] > after && times[i] < before) {
                h.add(values[i]);
            }
        }
        return h;
    }

    /**
     * Time slice {@code now}'s content as it stood at {@code tau}, not before its start: {@code now}
     * less the measurements after {@code tau} and before the slice's {@code end}.
     */
    ObjectiveState.Slice sliceAsOf(ObjectiveState.Slice now, long tau, long end) {
        ObjectiveState.Slice asOf = new ObjectiveState.Slice();
        asOf.good = now.good;
        asOf.total = now.total;
        asOf.valueCount = now.valueCount;
        asOf.valueSum = now.valueSum;
        LogHistogram later = now.sketch == null ? null : new LogHistogram();
        for (int i = 0; i < size; i++) {
            if (times[i] > tau && times[i] < end) {
                asOf.good -= good[i];
                asOf.total -= total[i];
                if (!Double.isNaN(values[i])) {
                    asOf.valueCount--;
                    asOf.valueSum -= values[i];
                    if (later != null) {
                        later.add(values[i]);
                    }
                }
            }
        }
        if (now.sketch != null) {
            asOf.sketch = now.sketch.copy();
            asOf.sketch.subtract(later);
        }
        return asOf;
    }

    /** Writes the list as varints: the first time, then each one's distance from the one before. */
    void writeTo(DataOutput out) throws IOException {
        Bytes.writeSignedVarLong(out, completeFrom);
        Bytes.writeVarLong(out, size);
        for (int i = 0; i < size; i++) {
            Bytes.writeSignedVarLong(out, i == 0 ? times[0] : times[i] - times[i - 1]);
            Bytes.writeVarLong(out, good[i]);
            Bytes.writeVarLong(out, total[i]);
            boolean hasValue = !Double.isNaN(values[i]);
            out.writeBoolean(hasValue);
            if (hasValue) {
                out.writeDouble(values[i]);
            }
        }
    }

    /** Reads what {@link #writeTo} wrote; {@code compact} false: the fixed-width layout before it. */
    static RecentMeasurements readFrom(DataInput in, boolean compact) throws IOException {
        RecentMeasurements r = new RecentMeasurements(Bytes.readSigned(in, compact));
        int n = Bytes.readSize(in, compact);
        long t = 0;
        for (int i = 0; i < n; i++) {
            long step = Bytes.readSigned(in, compact);
            t = compact ? t + step : step;
            long g = Bytes.readCount(in, compact);
            long total = Bytes.readCount(in, compact);
            r.add(t, g, total, in.readBoolean() ? in.readDouble() : null);
        }
        return r;
    }
}
