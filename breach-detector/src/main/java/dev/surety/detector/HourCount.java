package dev.surety.detector;

import java.util.Arrays;

/**
 * What one hour of a compliance period counted towards its attainment: good and valid units
 * (events, or judged slices), exactly as they were added to the period's tally. The value of the
 * {@code objective-history} store: two variable-length numbers, usually 2 to 6 bytes.
 */
public record HourCount(long good, long valid) {

    public HourCount plus(long g, long v) {
        return new HourCount(Math.addExact(good, g), Math.addExact(valid, v));
    }

    public byte[] encode() {
        byte[] buf = new byte[20];
        int n = putVarLong(buf, 0, good);
        n = putVarLong(buf, n, valid);
        return Arrays.copyOf(buf, n);
    }

    public static HourCount decode(byte[] b) {
        int[] pos = {0};
        long good = varLong(b, pos);
        long valid = varLong(b, pos);
        return new HourCount(good, valid);
    }

    private static int putVarLong(byte[] buf, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            buf[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[at++] = (byte) v;
        return at;
    }

    private static long varLong(byte[] b, int[] pos) {
        long v = 0;
        int shift = 0;
        while (true) {
            byte x = b[pos[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }
}
