package dev.surety.detector;

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
