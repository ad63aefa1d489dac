package dev.surety.detector;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Unsynchronized in-memory streams for the state codecs: state is encoded and decoded once per
 * measurement, and the JDK's ByteArray streams lock on every call.
 */
final class Bytes {

    private Bytes() {
    }

    /** Writes {@code v}'s 64 bits as an unsigned LEB128 varint: one byte up to 127, at most ten. */
    static void writeVarLong(DataOutput out, long v) throws IOException {
        long rest = v;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    static long readVarLong(DataInput in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.readByte();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IOException("malformed varint: more than ten bytes");
    }

    /** Writes {@code v} zigzag-encoded, so small negative numbers stay short too. */
    static void writeSignedVarLong(DataOutput out, long v) throws IOException {
        writeVarLong(out, (v << 1) ^ (v >> 63));
    }

    static long readSignedVarLong(DataInput in) throws IOException {
        long z = readVarLong(in);
        return (z >>> 1) ^ -(z & 1);
    }

    /** A count: a varint in the compact layout, a fixed long in the layout before it. */
    static long readCount(DataInput in, boolean compact) throws IOException {
        return compact ? readVarLong(in) : in.readLong();
    }

    /** A time or another signed number: zigzag varint in the compact layout, a fixed long before it. */
    static long readSigned(DataInput in, boolean compact) throws IOException {
        return compact ? readSignedVarLong(in) : in.readLong();
    }

    /** A size: a varint in the compact layout, a fixed int before it. */
    static int readSize(DataInput in, boolean compact) throws IOException {
        return compact ? Math.toIntExact(readVarLong(in)) : in.readInt();
    }

    /** A growable byte array sink. */
    static final class Out extends OutputStream {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int extra) {
            if (size + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** A byte array source. */
    static final class In extends InputStream {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        @Override
        public int read() {
            return pos < buf.length ? buf[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= buf.length) {
                return -1;
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
