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
 *
 * <p>With a retention {@code R}, buckets that left the window are kept (outside the sums) while they
 * intersect {@code [T - W - R, T]}, so the window as it stood at any {@code τ >= T - R} can be summed
 * again ({@link #goodTotalAsOf}, {@link #sketchAsOf}, {@link #slicesAsOf}) when a measurement arrives
 * out of order.
 */
public final class BucketedWindow {

    /** Marks an empty slot and "no event yet". */
    public static final long NONE = Long.MIN_VALUE;

    private final long windowMs;
    private final long bucketMs;
    private final long retainMs;
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
        this(windowMs, bucketMs, withSketch, 0);
    }

    /**
     * @param withSketch whether values are kept in a quantile sketch (PERCENTILE objectives)
     * @param retainMs   how long (event time) buckets that left the window are kept for {@link #goodTotalAsOf}
     */
    public BucketedWindow(long windowMs, long bucketMs, boolean withSketch, long retainMs) {
        if (windowMs <= 0 || bucketMs <= 0 || retainMs < 0) {
            throw new IllegalArgumentException("window and bucket must be positive, retention not negative");
        }
        this.windowMs = windowMs;
        this.bucketMs = bucketMs;
        this.retainMs = retainMs;
        // Kept buckets span floorDiv(T-W-R,B)..floorDiv(T,B): at most ceil((W+R)/B)+1 of them, so
        // that many slots never hold two kept buckets at once.
        int slots = Math.toIntExact((windowMs + retainMs + bucketMs - 1) / bucketMs + 1);
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
     * Adds one measurement with an optional value (kept in the sketch when the window has one). An
     * event older than the window but inside the retention is kept in its bucket, outside the sums.
     *
     * @return whether the event was counted in the window
     */
    public boolean add(long t, long goodCount, long totalCount, Double value) {
        if (newest == NONE || t > newest) {
            advanceTo(t);
        }
        long b = Math.floorDiv(t, bucketMs);
        if (b < oldestKept()) {
            return false;
        }
        int slot = claim(b);
        boolean live = b >= oldestBucket();
        if (value != null && sketches != null) {
            if (sketches[slot] == null) {
                sketches[slot] = new LogHistogram();
            }
            sketches[slot].add(value);
            if (live) {
                sketch.add(value);
            }
        }
        good[slot] = Math.addExact(good[slot], goodCount);
        total[slot] = Math.addExact(total[slot], totalCount);
        if (live) {
            sumGood = Math.addExact(sumGood, goodCount);
            sumTotal = Math.addExact(sumTotal, totalCount);
        }
        return live;
    }

    /**
     * Counts one closed time slice in the bucket of its start; does not move the window. A slice
     * whose start is older than the window's first bucket is not counted; inside the retention it is
     * kept in its bucket, outside the sums, for {@link #slicesAsOf}.
     */
    public void addSlice(long sliceStart, boolean sliceGood) {
        if (newest == NONE) {
            return;
        }
        long b = Math.floorDiv(sliceStart, bucketMs);
        if (b < oldestKept() || sliceStart > newest) {
            return;
        }
        int slot = claim(b);
        boolean live = b >= oldestBucket();
        dataSlices[slot]++;
        if (live) {
            sumDataSlices++;
        }
        if (sliceGood) {
            goodSlices[slot]++;
            if (live) {
                sumGoodSlices++;
            }
        }
    }

    /** The ring slot of kept bucket {@code b} (not older than {@link #oldestKept()}), claimed if empty. */
    private int claim(long b) {
        int slot = (int) Math.floorMod(b, (long) index.length);
        if (index[slot] != b) {
            // A live occupant cannot happen while the eviction invariant holds; checked so it never leaks into the sums.
            if (index[slot] != NONE && index[slot] >= oldestBucket()) {
                leaveSums(slot);
            }
            empty(slot);
            index[slot] = b;
        }
        return slot;
    }

    private void advanceTo(long t) {
        if (newest == NONE) {
            newest = t;
            return;
        }
        long fromLive = oldestBucket();
        long fromKept = oldestKept();
        newest = t;
        long toLive = oldestBucket();
        long toKept = oldestKept();
        // Buckets that left the window leave the sums; buckets older than the retention are dropped.
        if (toLive - fromKept >= index.length) {
            // Moved by about a ring or more: one look at every slot.
            for (int s = 0; s < index.length; s++) {
                long b = index[s];
                if (b != NONE && b < toLive) {
                    drop(s, b, fromLive, toKept);
                }
            }
            return;
        }
        // Every kept bucket lies in [fromKept, fromKept + ring): one pass over those that change.
        int slot = (int) Math.floorMod(fromKept, (long) index.length);
        for (long b = fromKept; b < toLive; b++) {
            if (index[slot] == b) {
                drop(slot, b, fromLive, toKept);
            }
            slot = slot + 1 == index.length ? 0 : slot + 1;
        }
    }

    /** Takes bucket {@code b} (older than the new window) out of the sums if it was live, and out of the ring if too old. */
    private void drop(int slot, long b, long fromLive, long toKept) {
        if (b >= fromLive) {
            leaveSums(slot);
        }
        if (b < toKept) {
            empty(slot);
        }
    }

    private void leaveSums(int slot) {
        sumGood -= good[slot];
        sumTotal -= total[slot];
        sumGoodSlices -= goodSlices[slot];
        sumDataSlices -= dataSlices[slot];
        if (sketches != null && sketches[slot] != null) {
            sketch.subtract(sketches[slot]);
        }
    }

    /** Empties a slot; its bucket must be out of the sums already. */
    private void empty(int slot) {
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

    private long oldestKept() {
        return Math.floorDiv(newest - windowMs - retainMs, bucketMs);
    }

    /**
     * Whether the window as it stood at event time {@code tau} can be summed again: {@code tau} is not
     * newer than the window's end and not older than its retention allows.
     */
    public boolean canLookBackTo(long tau) {
        return newest != NONE && tau <= newest && tau >= newest - retainMs;
    }

    /**
     * Good and total events of the buckets the window covered when its newest event was at {@code tau}
     * ({@link #canLookBackTo}): every event of those buckets counted so far, later ones in the bucket of
     * {@code tau} included; the caller takes those out.
     */
    public long[] goodTotalAsOf(long tau) {
        return sumsAsOf(tau, good, total);
    }

    /**
     * Good and with-data closed slices counted in the buckets the window covered when its newest
     * event was at {@code tau} ({@link #canLookBackTo}), whether closed before or after {@code tau}.
     */
    public long[] slicesAsOf(long tau) {
        return sumsAsOf(tau, goodSlices, dataSlices);
    }

    /** Sums two per-bucket counts over the buckets the window covered at {@code tau}. */
    private long[] sumsAsOf(long tau, long[] first, long[] second) {
        long sumFirst = 0;
        long sumSecond = 0;
        for (long b = Math.floorDiv(tau - windowMs, bucketMs); b <= Math.floorDiv(tau, bucketMs); b++) {
            int slot = (int) Math.floorMod(b, (long) index.length);
            if (index[slot] == b) {
                sumFirst += first[slot];
                sumSecond += second[slot];
            }
        }
        return new long[] {sumFirst, sumSecond};
    }

    /** A new sketch of the values in the buckets the window covered at {@code tau}, as {@link #goodTotalAsOf}; null without one. */
    public LogHistogram sketchAsOf(long tau) {
        if (sketches == null) {
            return null;
        }
        LogHistogram h = new LogHistogram();
        for (long b = Math.floorDiv(tau - windowMs, bucketMs); b <= Math.floorDiv(tau, bucketMs); b++) {
            int slot = (int) Math.floorMod(b, (long) index.length);
            if (index[slot] == b) {
                h.merge(sketches[slot]);
            }
        }
        return h;
    }

    /** End (exclusive) of the bucket holding {@code t}. */
    public long bucketEnd(long t) {
        return (Math.floorDiv(t, bucketMs) + 1) * bucketMs;
    }

    /** How long buckets are kept after they leave the window. */
    public long retainMs() {
        return retainMs;
    }

    /** The same window and buckets with another retention (buckets beyond a shorter one are dropped). */
    public BucketedWindow withRetention(long retain) {
        BucketedWindow w = new BucketedWindow(windowMs, bucketMs, sketches != null, retain);
        w.newest = newest;
        if (newest == NONE) {
            return w;
        }
        for (int s = 0; s < index.length; s++) {
            long b = index[s];
            if (b != NONE && b >= w.oldestKept()) {
                w.put(b, good[s], total[s], goodSlices[s], dataSlices[s], sketches == null ? null : sketches[s]);
            }
        }
        return w;
    }

    /** Puts a whole bucket into an empty slot, and into the sums when it is live (decoding, resizing). */
    private void put(long b, long g, long n, long gs, long ds, LogHistogram bucketSketch) {
        int slot = (int) Math.floorMod(b, (long) index.length);
        index[slot] = b;
        good[slot] = g;
        total[slot] = n;
        goodSlices[slot] = gs;
        dataSlices[slot] = ds;
        if (sketches != null) {
            sketches[slot] = bucketSketch;
        }
        if (b >= oldestBucket()) {
            // The sums are rebuilt rather than stored, so they can never disagree with the buckets.
            sumGood += g;
            sumTotal += n;
            sumGoodSlices += gs;
            sumDataSlices += ds;
            if (bucketSketch != null) {
                sketch.merge(bucketSketch);
            }
        }
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

    /** Start of the oldest bucket the window covered when its newest event was at {@code tau}. */
    public long coveredFrom(long tau) {
        return Math.floorDiv(tau - windowMs, bucketMs) * bucketMs;
    }

    /** Writes the non-empty buckets only, as varints, each bucket by its distance from the newest event's. */
    void writeTo(DataOutput out) throws IOException {
        Bytes.writeVarLong(out, windowMs);
        Bytes.writeVarLong(out, bucketMs);
        out.writeBoolean(sketches != null);
        Bytes.writeVarLong(out, retainMs);
        Bytes.writeSignedVarLong(out, newest);
        int used = 0;
        for (long i : index) {
            if (i != NONE) {
                used++;
            }
        }
        Bytes.writeVarLong(out, used);
        long top = newest == NONE ? 0 : Math.floorDiv(newest, bucketMs);
        for (int s = 0; s < index.length; s++) {
            if (index[s] != NONE) {
                Bytes.writeSignedVarLong(out, top - index[s]);
                Bytes.writeVarLong(out, good[s]);
                Bytes.writeVarLong(out, total[s]);
                Bytes.writeVarLong(out, goodSlices[s]);
                Bytes.writeVarLong(out, dataSlices[s]);
                if (sketches != null) {
                    out.writeBoolean(sketches[s] != null);
                    if (sketches[s] != null) {
                        sketches[s].writeTo(out);
                    }
                }
            }
        }
    }

    /**
     * Reads what {@link #writeTo} wrote ({@code format} 4 of the objective state) or an earlier layout:
     * fixed-width numbers (3), and without a retention (2).
     */
    static BucketedWindow readFrom(DataInput in, int format) throws IOException {
        boolean compact = format >= 4;
        long window = Bytes.readCount(in, compact);
        long bucket = Bytes.readCount(in, compact);
        boolean withSketch = in.readBoolean();
        BucketedWindow w = new BucketedWindow(window, bucket, withSketch, format >= 3 ? Bytes.readCount(in, compact) : 0);
        w.newest = Bytes.readSigned(in, compact);
        int used = Bytes.readSize(in, compact);
        long top = w.newest == NONE ? 0 : Math.floorDiv(w.newest, bucket);
        for (int k = 0; k < used; k++) {
            long b = compact ? top - Bytes.readSignedVarLong(in) : in.readLong();
            long g = Bytes.readCount(in, compact);
            long n = Bytes.readCount(in, compact);
            long gs = Bytes.readCount(in, compact);
            long ds = Bytes.readCount(in, compact);
            LogHistogram bucketSketch = w.sketches != null && in.readBoolean() ? LogHistogram.readFrom(in, compact) : null;
            w.put(b, g, n, gs, ds, bucketSketch);
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
            long g = in.readLong();
            w.put(b, g, in.readLong(), 0, 0, null);
        }
        return w;
    }
}
