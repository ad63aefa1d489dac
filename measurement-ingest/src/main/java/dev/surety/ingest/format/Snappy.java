package dev.surety.ingest.format;

/**
 * Decompresses the snappy block format (what Prometheus remote write uses; not the framing format). Hand-written
 * so that no native library is needed: a varint uncompressed length, then literals and back-references.
 */
public final class Snappy {

    private Snappy() {
    }

    /** Thrown for corrupt input or input that would decompress beyond the allowed size. */
    public static final class SnappyException extends RuntimeException {
        SnappyException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param maxLength largest uncompressed size accepted, so a tiny body cannot claim gigabytes
     */
    public static byte[] decompress(byte[] in, long maxLength) {
        int[] pos = {0};
        long length = varint(in, pos);
        if (length > maxLength) {
            throw new SnappyException("uncompressed length " + length + " exceeds the limit of " + maxLength + " bytes");
        }
        byte[] out = new byte[(int) length];
        int o = 0;
        int p = pos[0];
        while (p < in.length) {
            int tag = in[p++] & 0xff;
            int type = tag & 3;
            if (type == 0) {
                int len = tag >>> 2;
                if (len >= 60) {
                    int bytes = len - 59;
                    if (p + bytes > in.length) {
                        throw new SnappyException("truncated literal length");
                    }
                    len = 0;
                    for (int i = 0; i < bytes; i++) {
                        len |= (in[p++] & 0xff) << (8 * i);
                    }
                    if (len < 0) {
                        throw new SnappyException("literal too long");
                    }
                }
                len += 1;
                if (len <= 0 || p + len > in.length || o + len > out.length) {
                    throw new SnappyException("literal runs past the end");
                }
                System.arraycopy(in, p, out, o, len);
                p += len;
                o += len;
                continue;
            }
            int len;
            int offset;
            if (type == 1) {
                if (p >= in.length) {
                    throw new SnappyException("truncated copy");
                }
                len = 4 + ((tag >>> 2) & 7);
                offset = ((tag >>> 5) << 8) | (in[p++] & 0xff);
            } else if (type == 2) {
                if (p + 2 > in.length) {
                    throw new SnappyException("truncated copy");
                }
                len = (tag >>> 2) + 1;
                offset = (in[p] & 0xff) | (in[p + 1] & 0xff) << 8;
                p += 2;
            } else {
                if (p + 4 > in.length) {
                    throw new SnappyException("truncated copy");
                }
                len = (tag >>> 2) + 1;
                offset = (in[p] & 0xff) | (in[p + 1] & 0xff) << 8 | (in[p + 2] & 0xff) << 16 | (in[p + 3] & 0xff) << 24;
                p += 4;
            }
            if (offset <= 0 || offset > o || o + len > out.length) {
                throw new SnappyException("copy out of range");
            }
            // Byte by byte: a copy may overlap what it produces (run-length style).
            for (int i = 0; i < len; i++) {
                out[o] = out[o - offset];
                o++;
            }
        }
        if (o != out.length) {
            throw new SnappyException("decompressed " + o + " bytes, header announced " + out.length);
        }
        return out;
    }

    private static long varint(byte[] in, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos[0] >= in.length) {
                throw new SnappyException("truncated length header");
            }
            int b = in[pos[0]++] & 0xff;
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new SnappyException("length header too long");
    }
}
