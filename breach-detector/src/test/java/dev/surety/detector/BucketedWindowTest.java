package dev.surety.detector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BucketedWindowTest {

    @Test
    void bucketSizeIsASixtiethOfTheWindowButAtLeastTheMinimum() {
        assertEquals(1_000, BucketedWindow.bucketSizeFor(5_000, 1_000, 60));
        assertEquals(1_000, BucketedWindow.bucketSizeFor(60_000, 1_000, 60));
        assertEquals(5_000, BucketedWindow.bucketSizeFor(300_000, 1_000, 60));
        assertEquals(60_000, BucketedWindow.bucketSizeFor(3_600_000, 1_000, 60));
    }

    @Test
    void sumsFollowTheWindowAsItSlides() {
        BucketedWindow w = new BucketedWindow(10_000, 1_000);
        for (int s = 0; s <= 10; s++) {
            assertTrue(w.add(s * 1_000L, 1, 2));
        }
        assertEquals(11, w.good());
        assertEquals(22, w.total());
        w.add(11_000, 0, 0);                     // T - W = 1 s: bucket 0 leaves
        assertEquals(10, w.good());
        assertEquals(20, w.total());
        assertEquals(1_000, w.coveredFrom());
        w.add(15_500, 0, 0);                     // buckets 1..5 leave, bucket 5 touches T - W
        assertEquals(6, w.good());
        assertEquals(5_000, w.coveredFrom());
    }

    @Test
    void aJumpLongerThanTheWindowEmptiesIt() {
        BucketedWindow w = new BucketedWindow(10_000, 1_000);
        w.add(0, 5, 5);
        w.add(3_000, 5, 5);
        w.add(1_000_000, 1, 4);
        assertEquals(1, w.good());
        assertEquals(4, w.total());
    }

    @Test
    void lateEventsCountOnlyInsideTheWindow() {
        BucketedWindow w = new BucketedWindow(10_000, 1_000);
        w.add(20_000, 1, 1);
        assertTrue(w.add(10_000, 1, 1));         // bucket 10 touches [10 s, 20 s]
        assertFalse(w.add(9_999, 1, 1));
        assertEquals(2, w.total());
        assertEquals(20_000, w.end());
    }

    @Test
    void aRingPositionIsReusedOnlyAfterItsBucketLeft() {
        BucketedWindow w = new BucketedWindow(3_000, 1_000); // 4 slots
        w.add(0, 1, 1);
        w.add(1_000, 1, 1);
        w.add(2_000, 1, 1);
        w.add(3_000, 1, 1);                      // buckets 0..3 all touch [0, 3 s]
        assertEquals(4, w.total());
        w.add(4_000, 1, 1);                      // bucket 4 takes bucket 0's slot
        assertEquals(4, w.total());
        w.add(8_999, 0, 0);                      // T - W = 5.999 s: buckets 0..4 leave
        assertEquals(0, w.total());
    }

    @Test
    void encodingKeepsBucketsAndRebuildsSums() {
        ObjectiveState s = new ObjectiveState("a", "o");
        BucketedWindow w = new BucketedWindow(60_000, 1_000);
        w.add(5_000, 3, 4);
        w.add(64_000, 7, 9);
        w.add(63_500, 1, 1);
        s.window(w);
        s.streamTime(64_000);
        s.openBreach("b-1", 64_000);
        s.falseSince(64_500);
        s.tally(new Period(0, 3_600_000)).add(11, 14);
        ObjectiveState back = ObjectiveState.decode(s.encode());
        // Bucket 5 s still touches [4 s, 64 s].
        assertEquals(11, back.window().good());
        assertEquals(14, back.window().total());
        assertEquals(64_000, back.window().end());
        assertEquals(64_000, back.streamTime());
        assertEquals("b-1", back.breachId());
        assertEquals(64_000, back.breachOpenedAt());
        assertEquals(64_500, back.falseSince());
        assertEquals(14, back.openPeriod(0).total());
        back.window().add(125_000, 0, 0);       // eviction works on decoded buckets too
        assertEquals(0, back.window().total());
    }

    @Test
    void stateWrittenByTheFirstReleaseStillReads() throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF("a");
            out.writeUTF("o");
            out.writeLong(64_000);
            out.writeBoolean(true);                 // window: 60 s, 1 s buckets, one bucket 7/9
            out.writeLong(60_000);
            out.writeLong(1_000);
            out.writeLong(64_000);
            out.writeInt(1);
            out.writeLong(64);
            out.writeLong(7);
            out.writeLong(9);
            out.writeBoolean(true);                 // open breach
            out.writeUTF("b-1");
            out.writeLong(64_000);
            out.writeLong(ObjectiveState.NONE);
            out.writeLong(ObjectiveState.NONE);
            out.writeInt(1);                        // one open period
            out.writeLong(0);
            out.writeLong(3_600_000);
            out.writeLong(11);
            out.writeLong(14);
        }
        ObjectiveState s = ObjectiveState.decode(bytes.toByteArray());
        assertEquals(64_000, s.streamTime());
        assertEquals(7, s.window().good());
        assertEquals(9, s.window().total());
        assertEquals("b-1", s.breachId());
        assertEquals(64_000, s.breachOpenedAt());
        assertEquals(14, s.openPeriod(0).total());
        // and it is written back in the current format
        assertEquals(9, ObjectiveState.decode(s.encode()).window().total());
    }

    @Test
    void bucketsThatLeftTheWindowStayOutOfTheSumsButCanBeSummedAgainWithinTheRetention() {
        BucketedWindow w = new BucketedWindow(10_000, 1_000, false, 5_000);
        for (int s = 0; s <= 14; s++) {
            w.add(s * 1_000L, 1, 2);
        }
        assertEquals(11, w.good());              // buckets 4..14 touch [4 s, 14 s]
        assertTrue(w.canLookBackTo(9_000));
        assertFalse(w.canLookBackTo(8_999));
        assertFalse(w.canLookBackTo(15_000));
        // at 10 s the window covered buckets 0..10; bucket 0 left the sums but is still kept
        assertArrayEquals(new long[] {11, 22}, w.goodTotalAsOf(10_000));
        assertFalse(w.add(3_500, 1, 1));          // older than the window, inside the retention: kept only
        assertEquals(11, w.good());
        assertArrayEquals(new long[] {12, 23}, w.goodTotalAsOf(10_000));
        assertFalse(w.add(-1_000, 1, 1));         // older than the retention: dropped
        w.add(20_000, 0, 0);                      // buckets 0..4 are out of the retention now
        assertArrayEquals(new long[] {10, 20}, w.goodTotalAsOf(15_000));  // buckets 5..14
        assertEquals(5, w.good());                // buckets 10..14
    }

    @Test
    void aJumpPastTheRetentionEmptiesTheRing() {
        BucketedWindow w = new BucketedWindow(3_000, 1_000, false, 2_000);
        for (int s = 0; s < 6; s++) {
            w.add(s * 1_000L, 1, 1);
        }
        w.add(100_000, 1, 1);
        assertEquals(1, w.total());
        assertArrayEquals(new long[] {1, 1}, w.goodTotalAsOf(100_000));
        assertArrayEquals(new long[] {0, 0}, w.goodTotalAsOf(99_000));
    }

    @Test
    void theValueSketchCanBeSummedAgainAsOfAnEarlierTime() {
        BucketedWindow w = new BucketedWindow(2_000, 1_000, true, 2_000);
        w.add(0, 1, 1, 10.0);
        w.add(1_000, 1, 1, 20.0);
        w.add(4_000, 1, 1, 30.0);
        assertEquals(1, w.sketch().count());      // only bucket 2..4 of [2 s, 4 s] holds data
        assertEquals(2, w.sketchAsOf(2_000).count());
    }

    @Test
    void anotherRetentionKeepsTheBucketsThatStillFit() {
        BucketedWindow w = new BucketedWindow(10_000, 1_000);
        for (int s = 0; s <= 12; s++) {
            w.add(s * 1_000L, 1, 1);
        }
        BucketedWindow kept = w.withRetention(5_000);
        assertEquals(w.total(), kept.total());
        assertEquals(5_000, kept.retainMs());
        kept.add(13_000, 1, 1);
        assertEquals(11, kept.total());
        assertArrayEquals(new long[] {10, 10}, kept.goodTotalAsOf(11_000));  // buckets 2..11 (0 and 1 were never kept)
    }

    @Test
    void keptBucketsAndRecentMeasurementsSurviveEncoding() {
        ObjectiveState s = new ObjectiveState("a", "o");
        BucketedWindow w = new BucketedWindow(10_000, 1_000, false, 5_000);
        for (int t = 0; t <= 14; t++) {
            w.add(t * 1_000L, 1, 2);
            s.recent().add(t * 1_000L, 1, 2, t == 14 ? 3.5 : null);
        }
        s.window(w);
        s.streamTime(14_000);
        s.forgetBefore(9_000);
        s.resolvedAt("", 12_000);
        ObjectiveState back = ObjectiveState.decode(s.encode());
        assertEquals(11, back.window().good());
        assertArrayEquals(new long[] {11, 22}, back.window().goodTotalAsOf(10_000));
        assertEquals(6, back.recent().size());
        assertEquals(9_000, back.recent().completeFrom());
        assertArrayEquals(new long[] {4, 8}, back.recent().goodTotalBetween(10_000, 15_000));
        assertEquals(1, back.recent().valuesBetween(13_000, 15_000).count());
        assertEquals(12_000, back.resolvedAt(""));
    }

    /**
     * A state as formats 2 and 3 wrote it (fixed-width numbers): stream time 64 s, one 60 s window of 1 s
     * buckets holding 7 of 9 at 64 s; format 3 adds the window's retention (5 s), one kept measurement and
     * no resolutions.
     */
    private static byte[] fixedWidthState(int format) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(format);
            out.writeUTF("a");
            out.writeUTF("o");
            out.writeLong(64_000);                  // stream time
            out.writeLong(60_000);                  // primary window
            out.writeInt(1);                        // one window: 60 s, 1 s buckets, no sketch, one bucket 7/9
            out.writeLong(60_000);
            out.writeLong(1_000);
            out.writeBoolean(false);
            if (format >= 3) {
                out.writeLong(5_000);
            }
            out.writeLong(64_000);
            out.writeInt(1);
            out.writeLong(64);
            out.writeLong(7);
            out.writeLong(9);
            out.writeLong(0);
            out.writeLong(0);
            out.writeInt(0);                        // no rules, slices
            out.writeInt(0);
            out.writeLong(ObjectiveState.NONE);     // nothing final yet, no periods, no silence
            out.writeInt(0);
            out.writeBoolean(false);
            if (format >= 3) {
                out.writeLong(59_000);              // kept measurements: complete from 59 s, one at 64 s
                out.writeInt(1);
                out.writeLong(64_000);
                out.writeLong(7);
                out.writeLong(9);
                out.writeBoolean(false);
                out.writeInt(0);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void stateWrittenBeforeMeasurementsWereKeptLooksBackAtNothingUpToItsStreamTime() throws java.io.IOException {
        ObjectiveState s = ObjectiveState.decode(fixedWidthState(2));
        assertEquals(9, s.window().total());
        assertEquals(0, s.window().retainMs());
        assertEquals(64_001, s.recent().completeFrom());
        assertEquals(ObjectiveState.NONE, s.resolvedAt(""));
    }

    @Test
    void stateWrittenBeforeTimeSlicesWereLookedBackAtLooksBackAtNothingUpToItsStreamTime() throws java.io.IOException {
        ObjectiveState s = ObjectiveState.decode(fixedWidthState(3));
        assertEquals(9, s.window().total());
        assertEquals(5_000, s.window().retainMs());
        assertEquals(64_001, s.recent().completeFrom());
        assertEquals(0, s.recent().size());
        // written back in the current format, which is smaller
        byte[] again = s.encode();
        assertTrue(again.length < fixedWidthState(3).length);
        assertEquals(9, ObjectiveState.decode(again).window().total());
    }

    @Test
    void aClosedSliceOlderThanTheWindowIsKeptOutsideTheSumsWithinTheRetention() {
        BucketedWindow w = new BucketedWindow(10_000, 1_000, false, 5_000);
        w.add(35_000, 1, 1);                       // covers buckets 25..35
        w.addSlice(20_000, true);                  // closed now, older than the window: kept only
        w.addSlice(30_000, false);
        w.addSlice(10_000, true);                  // older than the retention: dropped
        assertEquals(0, w.goodSlices());
        assertEquals(1, w.dataSlices());
        assertArrayEquals(new long[] {1, 2}, w.slicesAsOf(30_000));   // buckets 20..30
        assertArrayEquals(new long[] {0, 1}, w.slicesAsOf(35_000));
        assertEquals(20_000, w.coveredFrom(30_000));
        assertEquals(w.coveredFrom(), w.coveredFrom(35_000));
    }

    @Test
    void aSliceAsItStoodEarlierLeavesOutTheMeasurementsAfterThen() {
        RecentMeasurements r = new RecentMeasurements(ObjectiveState.NONE);
        ObjectiveState.Slice now = new ObjectiveState.Slice();
        now.sketch = new LogHistogram();
        double[] values = {100, 2_000, 3_000, 4_000};
        for (int i = 0; i < values.length; i++) {
            r.add(20_000 + i * 1_000L, i == 0 ? 1 : 0, 1, values[i]);
            now.good += i == 0 ? 1 : 0;
            now.total++;
            now.valueCount++;
            now.valueSum += values[i];
            now.sketch.add(values[i]);
        }
        r.add(30_000, 1, 1, 5.0);                  // the next slice's: left alone
        ObjectiveState.Slice asOf = r.sliceAsOf(now, 21_000, 30_000);
        assertEquals(1, asOf.good());
        assertEquals(2, asOf.total());
        assertEquals(2, asOf.valueCount());
        assertEquals(2_100.0, asOf.valueSum(), 1e-9);
        assertEquals(2, asOf.sketch().count());
        assertEquals(4, now.sketch().count(), "the slice itself is not changed");
    }

    @Test
    void varintsKeepEveryLongValue() throws java.io.IOException {
        long[] values = {0, 1, 127, 128, -1, -64, 1_767_225_600_000L, Long.MIN_VALUE, Long.MAX_VALUE};
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            for (long v : values) {
                Bytes.writeVarLong(out, v);
                Bytes.writeSignedVarLong(out, v);
            }
        }
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        for (long v : values) {
            assertEquals(v, Bytes.readVarLong(in));
            assertEquals(v, Bytes.readSignedVarLong(in));
        }
        assertEquals(0, in.available());
    }

    @Test
    void sketchesOfWindowsAndOpenSlicesSurviveEncoding() {
        ObjectiveState s = new ObjectiveState("a", "o");
        BucketedWindow w = new BucketedWindow(10_000, 1_000, true, 5_000);
        ObjectiveState.Slice sl = s.slice(0);
        sl.sketch = new LogHistogram();
        for (int t = 0; t < 12; t++) {
            double v = t == 5 ? 0.0 : 10.0 * t * t;
            w.add(t * 1_000L, 1, 1, v);
            sl.sketch.add(v);
            sl.valueCount++;
            sl.valueSum += v;
        }
        s.window(w);
        s.streamTime(11_000);
        ObjectiveState back = ObjectiveState.decode(s.encode());
        assertEquals(w.sketch().count(), back.window().sketch().count());
        assertEquals(w.sketch().percentile(50), back.window().sketch().percentile(50));
        assertEquals(w.sketchAsOf(7_000).percentile(90), back.window().sketchAsOf(7_000).percentile(90));
        ObjectiveState.Slice slice = back.openSlices().get(0L);
        assertEquals(12, slice.sketch().count());
        assertEquals(sl.sketch().percentile(99), slice.sketch().percentile(99));
        assertEquals(sl.valueSum(), slice.valueSum());
        assertEquals(ObjectiveState.NONE, back.lastFinalizedEnd());
    }

    @Test
    void recentMeasurementsStayInTimeOrderAndBounded() {
        RecentMeasurements r = new RecentMeasurements(ObjectiveState.NONE);
        r.add(2_000, 1, 1, null);
        r.add(1_000, 2, 2, null);
        r.add(2_000, 3, 3, null);
        assertArrayEquals(new long[] {1_000, 2_000}, r.timesFrom(0));
        assertArrayEquals(new long[] {4, 4}, r.goodTotalBetween(1_000, 2_001)); // after 1 s, before 2.001 s: both at 2 s
        for (int i = 0; i < RecentMeasurements.CAPACITY; i++) {
            r.add(10_000 + i, 1, 1, null);
        }
        assertEquals(RecentMeasurements.CAPACITY, r.size());
        assertEquals(2_001, r.completeFrom(), "complete after the newest one dropped (2 s)");
        r.forgetBefore(10_050);
        assertEquals(RecentMeasurements.CAPACITY - 50, r.size());
        assertEquals(10_050, r.completeFrom());
    }
}
