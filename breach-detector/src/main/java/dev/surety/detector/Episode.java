package dev.surety.detector;

import dev.surety.events.BreachKind;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One breach or no-data episode of an objective, as the period history lists it: written when it
 * opens and again when it ends (resolved, cut by maintenance, agreement inactive, data resumed).
 * The value of the {@code objective-episodes} store, in a small versioned binary form.
 *
 * @param noData   a silent episode (else a breach)
 * @param id       breach id or no-data episode id
 * @param kind     breaches: THRESHOLD or BURN_RATE; null for no-data
 * @param rule     burn-rate rule name; null otherwise
 * @param severity burn-rate rule severity; null otherwise
 * @param start    breaches: openedAt; no-data: the last data before the silence (epoch ms)
 * @param end      resolvedAt or data resumed (epoch ms), {@link ObjectiveState#NONE} while open
 * @param reason   breaches: recovered, maintenance or agreement-inactive once resolved; else null
 */
public record Episode(boolean noData, String id, BreachKind kind, String rule, String severity, long start, long end,
                      String reason) {

    private static final byte FORMAT = 1;

    public boolean open() {
        return end == ObjectiveState.NONE;
    }

    /** Whether the episode was open at some time in {@code [from, to)}. */
    public boolean overlaps(long from, long to) {
        return start < to && (open() || end > from);
    }

    public Episode ended(long at, String why) {
        return new Episode(noData, id, kind, rule, severity, start, at, why);
    }

    public byte[] encode() {
        Bytes.Out bytes = new Bytes.Out(64 + id.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeBoolean(noData);
            out.writeUTF(id);
            out.writeByte(kind == null ? -1 : kind.ordinal());
            writeNullable(out, rule);
            writeNullable(out, severity);
            out.writeLong(start);
            out.writeLong(end);
            writeNullable(out, reason);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Episode decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new Bytes.In(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown episode format " + format);
            }
            boolean noData = in.readBoolean();
            String id = in.readUTF();
            byte kind = in.readByte();
            return new Episode(noData, id, kind < 0 ? null : BreachKind.values()[kind], readNullable(in),
                    readNullable(in), in.readLong(), in.readLong(), readNullable(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
