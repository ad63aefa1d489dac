package dev.surety.detector;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Sliding-window sums over fixed time buckets — good/total events, good/with-data slices and,
 * when asked for, a {@link LogHistogram} of values — with running sums that are subtracted when a
 * bucket leaves the window. Adding an event costs O(1) amortized and never more
 * than one pass over the ring, whose size is bounded by the buckets-per-window setting and not by
 * the window length.
 *
 * <p>Semantics: an event at time {@code t} (epoch ms) belongs to bucket {@code floorDiv(t, B)}. With
 * {@code T} the newest event time seen, the window sums every bucket that intersects
 * {@code [T - W, T]}, i.e. buckets {@code floorDiv(T - W, B) .. floorDiv(T, B)}. Coverage is thus
 * between {@code W} and {@code W + B}.
 */
public final class BucketedWindow {

    /** Marks an empty slot and "no event yet". */
    public static final long NONE = Long.MIN_VALUE;

    private final long windowMs;
    private final long bucketMs;
    private final long[] index;
    private final long[] good;
    private final long[] total;
    private final long[] goodSlices;
    private final long[] dataSlices;
    /** Per-bucket value sketches; null when the window keeps none. */
    private final LogHistogram[] sketches;
    private long sumGood;
    private long sumTotal;
    private long sumGoodSlices;
    private long sumDataSlices;
    private final LogHistogram sketch;
    private long newest = NONE;

    public BucketedWindow(long windowMs, long bucketMs) {
        this(windowMs, bucketMs, false);
    }

    /** @param withSketch whether values are kept in a quantile sketch (PERCENTILE objectives) */
    public BucketedWindow(long windowMs, long bucketMs, boolean withSketch) {
        if (windowMs <= 0 || bucketMs <= 0) {
            throw new IllegalArgumentException("window and bucket must be positive");
        }
        this.windowMs = windowMs;
        this.bucketMs = bucketMs;
        // Live buckets span floorDiv(T-W,B)..floorDiv(T,B): at most ceil(W/B)+1 of them, so
        // that many slots never hold two live buckets at once.
        int slots = Math.toIntExact((windowMs + bucketMs - 1) / bucketMs + 1);
        this.index = new long[slots];
        this.good = new long[slots];
        this.total = new long[slots];
        this.goodSlices = new long[slots];
        this.dataSlices = new long[slots];
        this.sketches = withSketch ? new LogHistogram[slots] : null;
        this.sketch = withSketch ? new LogHistogram() : null;
        Arrays.fill(index, NONE);
    }

    /** Bucket length for a window: {@code max(minBucketMs, windowMs / bucketsPerWindow)}. */
    public static long bucketSizeFor(long windowMs, long minBucketMs, int bucketsPerWindow) {
        return Math.max(minBucketMs, windowMs / Math.max(1, bucketsPerWindow));
    }

    /**
     * Adds one measurement. Moves the window end forward when {@code t} is newer than every event
     * seen; an event older than the window's first bucket changes nothing.
     *
     * @return whether the event was counted in the window
     */
    public boolean add(long t, long goodCount, long totalCount) {
        return add(t, goodCount, totalCount, null);
    }

    /**
     * Adds one measurement with an optional value (kept in the sketch when the window has one).
     *
     * @return whether the event was counted in the window
     */
    public boolean add(long t, long goodCount, long totalCount, Double value) {
        if (newest == NONE || t > newest) {
            advanceTo(t);
        }
        int slot = slotFor(t);
        if (slot < 0) {
            return false;
        }
        if (value != null && sketches != null) {
            if (sketches[slot] == null) {
                sketches[slot] = new LogHistogram();
            }
            sketches[slot].add(value);
            sketch.add(value);
        }
        good[slot] = Math.addExact(good[slot], goodCount);
        total[slot] = Math.addExact(total[slot], totalCount);
        sumGood = Math.addExact(sumGood, goodCount);
        sumTotal = Math.addExact(sumTotal, totalCount);
        return true;
    }

    /**
     * Counts one closed time slice in the bucket of its start; does not move the window. A slice
     * whose start is older than the window's first bucket is not counted.
     */
    public void addSlice(long sliceStart, boolean sliceGood) {
        if (newest == NONE) {
            return;
        }
        int slot = slotFor(sliceStart);
        if (slot < 0 || sliceStart > newest) {
            return;
        }
        dataSlices[slot]++;
        sumDataSlices++;
        if (sliceGood) {
            goodSlices[slot]++;
            sumGoodSlices++;
        }
    }

    /** The ring slot of the live bucket holding {@code t}, claiming it if empty; -1 when older than the window. */
    private int slotFor(long t) {
        long b = Math.floorDiv(t, bucketMs);
        if (b < oldestBucket()) {
            return -1;
        }
        int slot = (int) Math.floorMod(b, (long) index.length);
        if (index[slot] != b) {
            // Cannot happen while the eviction invariant holds; kept so a stale slot never leaks into the sums.
            evictSlot(slot);
            index[slot] = b;
        }
        return slot;
    }

    private void advanceTo(long t) {
        if (newest == NONE) {
            newest = t;
            return;
        }
        long from = oldestBucket();
        newest = t;
        long to = oldestBucket();
        if (to - from >= index.length) {
            // Jumped past the whole ring: everything is out.
            for (int s = 0; s < index.length; s++) {
                evictSlot(s);
            }
            return;
        }
        for (long b = from; b < to; b++) {
            int slot = (int) Math.floorMod(b, (long) index.length);
            if (index[slot] == b) {
                evictSlot(slot);
            }
        }
    }

    private void evictSlot(int slot) {
        if (index[slot] != NONE) {
            sumGood -= good[slot];
            sumTotal -= total[slot];
            sumGoodSlices -= goodSlices[slot];
            sumDataSlices -= dataSlices[slot];
            if (sketches != null && sketches[slot] != null) {
                sketch.subtract(sketches[slot]);
            }
        }
        index[slot] = NONE;
        good[slot] = 0;
        total[slot] = 0;
        goodSlices[slot] = 0;
        dataSlices[slot] = 0;
        if (sketches != null) {
            sketches[slot] = null;
        }
    }

    private long oldestBucket() {
        return Math.floorDiv(newest - windowMs, bucketMs);
    }

    public long good() {
        return sumGood;
    }

    public long total() {
        return sumTotal;
    }

    /** Closed slices in the window that were good. */
    public long goodSlices() {
        return sumGoodSlices;
    }

    /** Closed slices in the window that had data. */
    public long dataSlices() {
        return sumDataSlices;
    }

    /** Whether values are sketched. */
    public boolean hasSketch() {
        return sketch != null;
    }

    /** The window's value sketch (sum of its buckets'), or null without one. Do not modify. */
    public LogHistogram sketch() {
        return sketch;
    }

    public long windowMs() {
        return windowMs;
    }

    public long bucketMs() {
        return bucketMs;
    }

    /** Newest event time counted (the window's end), or {@link #NONE}. */
    public long end() {
        return newest;
    }

    /** Start of the oldest bucket the window currently covers, or {@link #NONE}. */
    public long coveredFrom() {
        return newest == NONE ? NONE : oldestBucket() * bucketMs;
    }

    /** Writes the non-empty buckets only. */
    void writeTo(DataOutput out) throws IOException {
        out.writeLong(windowMs);
        out.writeLong(bucketMs);
        out.writeBoolean(sketches != null);
        out.writeLong(newest);
        int used = 0;
        for (long i : index) {
            if (i != NONE) {
                used++;
            }
        }
        out.writeInt(used);
        for (int s = 0; s < index.length; s++) {
            if (index[s] != NONE) {
                out.writeLong(index[s]);
                out.writeLong(good[s]);
                out.writeLong(total[s]);
                out.writeLong(goodSlices[s]);
                out.writeLong(dataSlices[s]);
                if (sketches != null) {
                    out.writeBoolean(sketches[s] != null);
                    if (sketches[s] != null) {
                        sketches[s].writeTo(out);
                    }
                }
            }
        }
    }

    static BucketedWindow readFrom(DataInput in) throws IOException {
        BucketedWindow w = new BucketedWindow(in.readLong(), in.readLong(), in.readBoolean());
        w.newest = in.readLong();
        int used = in.readInt();
        for (int k = 0; k < used; k++) {
            long b = in.readLong();
            int slot = (int) Math.floorMod(b, (long) w.index.length);
            w.index[slot] = b;
            w.good[slot] = in.readLong();
            w.total[slot] = in.readLong();
            w.goodSlices[slot] = in.readLong();
            w.dataSlices[slot] = in.readLong();
            if (w.sketches != null && in.readBoolean()) {
                w.sketches[slot] = LogHistogram.readFrom(in);
                w.sketch.merge(w.sketches[slot]);
            }
            // The sums are rebuilt rather than stored, so they can never disagree with the buckets.
            w.sumGood += w.good[slot];
            w.sumTotal += w.total[slot];
            w.sumGoodSlices += w.goodSlices[slot];
            w.sumDataSlices += w.dataSlices[slot];
        }
        return w;
    }

    /** Reads the first release's layout: good/total buckets only. */
    static BucketedWindow readFormat1(DataInput in) throws IOException {
        BucketedWindow w = new BucketedWindow(in.readLong(), in.readLong(), false);
        w.newest = in.readLong();
        int used = in.readInt();
        for (int k = 0; k < used; k++) {
            long b = in.readLong();
            int slot = (int) Math.floorMod(b, (long) w.index.length);
            w.index[slot] = b;
            w.good[slot] = in.readLong();
            w.total[slot] = in.readLong();
            w.sumGood += w.good[slot];
            w.sumTotal += w.total[slot];
        }
        return w;
    }
}
