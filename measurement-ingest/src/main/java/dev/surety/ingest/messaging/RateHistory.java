package dev.surety.ingest.messaging;

import dev.surety.ingest.format.CollectdRates;
import java.nio.ByteBuffer;

/**
 * The stored value of one collectd identity in the {@code collectd-rates} store: its last {@link #MAX_POINTS} values,
 * oldest first, each with the offset of the raw record that set it (the store is per task, so per raw partition).
 *
 * <p>Why more than the last value: under at-least-once a crash can leave the store's changelog ahead of the committed
 * input offset, so records are processed again against a baseline they (or later records) already set. The baseline
 * a record must be judged against is the newest value set by an <em>earlier</em> record ({@link #before}); a record
 * finding values set by itself or later ones writes nothing ({@link #setAtOrAfter}). Under exactly-once the store is
 * never ahead of the input, and this is exactly the previous behaviour (last value only).
 *
 * <p>Binary: a version byte, then per value its time (double, epoch seconds), raw value (long) and offset (long).
 * Values stored before this format ({@code "<time>|<raw>"}, text) read as one value of unknown offset (-1), which
 * counts as older than any record.
 */
final class RateHistory {

    /** Values kept per identity: a crash loses no rate while no identity got more values since the last commit. */
    static final int MAX_POINTS = 16;

    private static final byte VERSION = 1;
    private static final int POINT_BYTES = 24;

    private final double[] times;
    private final long[] raws;
    private final long[] offsets;
    private final int size;

    private RateHistory(double[] times, long[] raws, long[] offsets, int size) {
        this.times = times;
        this.raws = raws;
        this.offsets = offsets;
        this.size = size;
    }

    static RateHistory empty() {
        return new RateHistory(new double[0], new long[0], new long[0], 0);
    }

    static RateHistory decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return empty();
        }
        if (bytes[0] != VERSION) {
            CollectdRates.Previous legacy = CollectdRates.Previous.decode(bytes);
            return new RateHistory(new double[] {legacy.time()}, new long[] {legacy.raw()}, new long[] {-1}, 1);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        int n = (bytes.length - 1) / POINT_BYTES;
        double[] t = new double[n];
        long[] r = new long[n];
        long[] o = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = in.getDouble();
            r[i] = in.getLong();
            o[i] = in.getLong();
        }
        return new RateHistory(t, r, o, n);
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(1 + size * POINT_BYTES);
        out.put(VERSION);
        for (int i = 0; i < size; i++) {
            out.putDouble(times[i]).putLong(raws[i]).putLong(offsets[i]);
        }
        return out.array();
    }

    /** The newest value set by a record before {@code offset}, or null: the baseline that record was judged by. */
    CollectdRates.Previous before(long offset) {
        for (int i = size - 1; i >= 0; i--) {
            if (offsets[i] < offset) {
                return new CollectdRates.Previous(times[i], raws[i]);
            }
        }
        return null;
    }

    /** Whether a value here was set by the record at {@code offset} or a later one (the record is processed again). */
    boolean setAtOrAfter(long offset) {
        return size > 0 && offsets[size - 1] >= offset;
    }

    /** This history with {@code p} appended as set by the record at {@code offset}, the oldest values dropped. */
    RateHistory with(CollectdRates.Previous p, long offset) {
        int keep = Math.min(size, MAX_POINTS - 1);
        int from = size - keep;
        double[] t = new double[keep + 1];
        long[] r = new long[keep + 1];
        long[] o = new long[keep + 1];
        System.arraycopy(times, from, t, 0, keep);
        System.arraycopy(raws, from, r, 0, keep);
        System.arraycopy(offsets, from, o, 0, keep);
        t[keep] = p.time();
        r[keep] = p.raw();
        o[keep] = offset;
        return new RateHistory(t, r, o, keep + 1);
    }

    int size() {
        return size;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : ", ").append(times[i]).append('|').append(raws[i]).append('@').append(offsets[i]);
        }
        return b.append(']').toString();
    }
}
