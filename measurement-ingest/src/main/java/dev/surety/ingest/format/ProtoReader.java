package dev.surety.ingest.format;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The smallest protobuf wire-format reader remote write needs: varints, 64-bit fixed (doubles), length-delimited
 * fields (strings, embedded messages), and skipping of anything else.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    /** Thrown for malformed wire data. */
    static final class ProtoException extends RuntimeException {
        ProtoException(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] buf;
    private int pos;
    private final int end;

    ProtoReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    boolean more() {
        return pos < end;
    }

    /** The next tag (field number << 3 | wire type). */
    int tag() {
        long t = varint();
        if (t <= 0 || t > Integer.MAX_VALUE) {
            throw new ProtoException("invalid tag");
        }
        return (int) t;
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new ProtoException("truncated varint");
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new ProtoException("varint too long");
    }

    double fixed64AsDouble() {
        if (pos + 8 > end) {
            throw new ProtoException("truncated fixed64");
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return Double.longBitsToDouble(v);
    }

    /** A length-delimited field's content as a sub-reader; this reader moves past it. */
    ProtoReader message() {
        int len = length();
        ProtoReader sub = new ProtoReader(buf, pos, pos + len);
        pos += len;
        return sub;
    }

    String string() {
        int len = length();
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(buf, pos, len)).toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw new ProtoException("string is not UTF-8");
        }
    }

    void skip(int wireType) {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case LEN -> advance(length());
            case FIXED32 -> advance(4);
            default -> throw new ProtoException("unsupported wire type " + wireType);
        }
    }

    private int length() {
        long len = varint();
        if (len < 0 || len > end - pos) {
            throw new ProtoException("length-delimited field runs past the end");
        }
        return (int) len;
    }

    private void advance(int n) {
        if (n > end - pos) {
            throw new ProtoException("truncated field");
        }
        pos += n;
    }
}
