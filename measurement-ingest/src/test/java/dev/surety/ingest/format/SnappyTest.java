package dev.surety.ingest.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written decompressor against the reference snappy implementation. */
class SnappyTest {

    @Test
    void decompressesWhatTheReferenceImplementationCompresses() throws Exception {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 59, 60, 61, 255, 256, 65_535, 65_536, 70_000, 300_000}) {
            byte[] data = new byte[size];
            // Half random, half repetitive: exercises literals and all three copy kinds.
            for (int i = 0; i < size; i++) {
                data[i] = i % 1000 < 500 ? (byte) random.nextInt(256) : (byte) ("metric_name{job=\"x\"}".charAt(i % 20));
            }
            byte[] compressed = org.xerial.snappy.Snappy.compress(data);
            assertArrayEquals(data, Snappy.decompress(compressed, 1 << 20), "size " + size);
        }
    }

    @Test
    void overlappingCopyRepeatsBytes() throws Exception {
        byte[] data = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] compressed = org.xerial.snappy.Snappy.compress(data);
        assertTrue(compressed.length < data.length);
        assertArrayEquals(data, Snappy.decompress(compressed, 1024));
    }

    @Test
    void refusesCorruptOrOversizedInput() {
        assertEquals("truncated length header",
                assertThrows(Snappy.SnappyException.class, () -> Snappy.decompress(new byte[] {(byte) 0x80}, 10)).getMessage());
        // Claims 1 GiB: refused before any allocation.
        byte[] bomb = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04};
        assertEquals("uncompressed length 1073741824 exceeds the limit of 1048576 bytes",
                assertThrows(Snappy.SnappyException.class, () -> Snappy.decompress(bomb, 1 << 20)).getMessage());
        // A copy reaching before the start of the output.
        byte[] badCopy = {10, 0x00, 'a', 0x01, 9};
        assertEquals("copy out of range",
                assertThrows(Snappy.SnappyException.class, () -> Snappy.decompress(badCopy, 100)).getMessage());
        // Fewer bytes than announced.
        byte[] shortOut = {5, 0x00, 'a'};
        assertEquals("decompressed 1 bytes, header announced 5",
                assertThrows(Snappy.SnappyException.class, () -> Snappy.decompress(shortOut, 100)).getMessage());
    }
}
