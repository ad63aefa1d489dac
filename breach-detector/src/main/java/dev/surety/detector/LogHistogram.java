package dev.surety.detector;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A mergeable quantile sketch with logarithmic bins (the DDSketch idea, written for Surety): a
 * positive value {@code v} falls into bin {@code ceil(log(v) / log(gamma))} with
 * {@code gamma = (1 + a) / (1 - a)} and {@code a = } {@link #RELATIVE_ACCURACY}; the bin is reported
 * as {@code 2 gamma^i / (gamma + 1)}, which is within a relative error {@code a} of every value in
 * it. Values {@code <= 0} (and below {@link #MIN_VALUE}) share one "zero" bin reported as 0.
 *
 * <p>Bins only hold counts, so sketches add and subtract exactly: a sliding window keeps the sum of
 * its buckets' sketches and subtracts a bucket's sketch when the bucket leaves. A quantile walks the
 * bins, whose number is bounded by the value range (about 1,400 bins from 1e-6 to 1e9), never by
 * the number of samples.
 */
public final class LogHistogram {

    /** Relative accuracy of every reported quantile (1 %). */
    public static final double RELATIVE_ACCURACY = 0.01;
    /** Smallest value told apart from zero. */
    public static final double MIN_VALUE = 1e-6;

    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private long zeroCount;
    /** Dense counts of bins {@code offset .. offset + counts.length - 1}. */
    private long[] counts = new long[0];
    private int offset;
    private long count;

    public long count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Adds one sample. */
    public void add(double value) {
        add(value, 1);
    }

    private void add(double value, long n) {
        if (Double.isNaN(value)) {
            return;
        }
        if (value < MIN_VALUE) {
            zeroCount += n;
        } else {
            int i = (int) Math.ceil(Math.log(value) / LOG_GAMMA);
            ensure(i);
            counts[i - offset] += n;
        }
        count += n;
    }

    /** Adds every sample of {@code other}. */
    public void merge(LogHistogram other) {
        combine(other, 1);
    }

    /** Removes every sample of {@code other}, which must have been merged into this before. */
    public void subtract(LogHistogram other) {
        combine(other, -1);
    }

    private void combine(LogHistogram other, int sign) {
        if (other == null || other.count == 0) {
            return;
        }
        zeroCount += sign * other.zeroCount;
        for (int k = 0; k < other.counts.length; k++) {
            long c = other.counts[k];
            if (c != 0) {
                int i = k + other.offset;
                ensure(i);
                counts[i - offset] += sign * c;
            }
        }
        count += sign * other.count;
    }

    private void ensure(int i) {
        if (counts.length == 0) {
            counts = new long[8];
            offset = i - 4;
            return;
        }
        if (i >= offset && i < offset + counts.length) {
            return;
        }
        int lo = Math.min(offset, i);
        int hi = Math.max(offset + counts.length - 1, i);
        // Grow with some slack on the side that grew so a drifting range does not copy per sample.
        int slack = Math.max(8, (hi - lo + 1) / 2);
        int newLo = i < offset ? lo - slack : lo;
        int newHi = i < offset ? hi : hi + slack;
        long[] grown = new long[newHi - newLo + 1];
        System.arraycopy(counts, 0, grown, offset - newLo, counts.length);
        counts = grown;
        offset = newLo;
    }

    /**
     * The nearest-rank {@code p}-th percentile ({@code 0 < p <= 100}): the value at rank
     * {@code ceil(p / 100 * n)} of the sorted samples, within the relative accuracy; NaN when empty.
     */
    public double percentile(double p) {
        if (count <= 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count - 1e-9));
        long seen = zeroCount;
        if (seen >= rank) {
            return 0;
        }
        for (int k = 0; k < counts.length; k++) {
            seen += counts[k];
            if (seen >= rank) {
                return 2 * Math.pow(GAMMA, k + offset) / (GAMMA + 1);
            }
        }
        return 2 * Math.pow(GAMMA, counts.length - 1 + offset) / (GAMMA + 1);
    }

    public LogHistogram copy() {
        LogHistogram h = new LogHistogram();
        h.zeroCount = zeroCount;
        h.counts = Arrays.copyOf(counts, counts.length);
        h.offset = offset;
        h.count = count;
        return h;
    }

    /** Writes the non-empty bins only, as varints: the first bin's index, then each one's distance from the last. */
    public void writeTo(DataOutput out) throws IOException {
        Bytes.writeVarLong(out, zeroCount);
        int used = 0;
        for (long c : counts) {
            if (c != 0) {
                used++;
            }
        }
        Bytes.writeVarLong(out, used);
        int last = 0;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] != 0) {
                int bin = k + offset;
                Bytes.writeSignedVarLong(out, bin - last);
                Bytes.writeVarLong(out, counts[k]);
                last = bin;
            }
        }
    }

    public static LogHistogram readFrom(DataInput in) throws IOException {
        return readFrom(in, true);
    }

    /** Reads what {@link #writeTo} wrote; {@code compact} false: the fixed-width layout before it. */
    static LogHistogram readFrom(DataInput in, boolean compact) throws IOException {
        LogHistogram h = new LogHistogram();
        h.zeroCount = Bytes.readCount(in, compact);
        h.count = h.zeroCount;
        int used = Bytes.readSize(in, compact);
        int[] idx = new int[used];
        long[] c = new long[used];
        for (int k = 0; k < used; k++) {
            if (compact) {
                idx[k] = Math.toIntExact((k == 0 ? 0 : idx[k - 1]) + Bytes.readSignedVarLong(in));
            } else {
                idx[k] = in.readInt();
            }
            c[k] = Bytes.readCount(in, compact);
        }
        if (used > 0) {
            h.offset = idx[0];
            h.counts = new long[idx[used - 1] - idx[0] + 1];
            for (int k = 0; k < used; k++) {
                h.counts[idx[k] - h.offset] = c[k];
                h.count += c[k];
            }
        }
        return h;
    }
}
