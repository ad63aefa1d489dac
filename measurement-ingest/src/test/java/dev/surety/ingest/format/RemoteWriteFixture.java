package dev.surety.ingest.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Builds remote-write request bodies the way Prometheus does: protobuf WriteRequest, snappy block format. */
public final class RemoteWriteFixture {

    /** One sample of a series. */
    public record Point(double value, long timestampMs) {
    }

    /** One series: labels (in order, __name__ included) and samples. */
    public record Series(Map<String, String> labels, List<Point> points) {
    }

    private RemoteWriteFixture() {
    }

    /** The uncompressed WriteRequest. */
    public static byte[] writeRequest(List<Series> series) {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        for (Series s : series) {
            ByteArrayOutputStream ts = new ByteArrayOutputStream();
            s.labels().forEach((k, v) -> {
                ByteArrayOutputStream label = new ByteArrayOutputStream();
                lenField(label, 1, k.getBytes(StandardCharsets.UTF_8));
                lenField(label, 2, v.getBytes(StandardCharsets.UTF_8));
                lenField(ts, 1, label.toByteArray());
            });
            for (Point p : s.points()) {
                ByteArrayOutputStream sample = new ByteArrayOutputStream();
                sample.write(1 << 3 | 1);
                long bits = Double.doubleToRawLongBits(p.value());
                for (int i = 0; i < 8; i++) {
                    sample.write((int) (bits >>> (8 * i)) & 0xff);
                }
                sample.write(2 << 3);
                varint(sample, p.timestampMs());
                lenField(ts, 2, sample.toByteArray());
            }
            lenField(req, 1, ts.toByteArray());
        }
        return req.toByteArray();
    }

    /** The request body as Prometheus sends it. */
    public static byte[] body(List<Series> series) {
        return snappy(writeRequest(series));
    }

    public static byte[] snappy(byte[] raw) {
        try {
            return org.xerial.snappy.Snappy.compress(raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void lenField(ByteArrayOutputStream out, int field, byte[] content) {
        out.write(field << 3 | 2);
        varint(out, content.length);
        out.writeBytes(content);
    }

    static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
