package dev.surety.detector;

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
}
