package dev.surety.detector;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the detector remembers about one objective between two records: its stream time,
 * sliding window, open breach and the compliance periods not yet final. Lives in a Kafka Streams
 * state store (with changelog), read and written back per record; it is never cached on the heap.
 * Encoded in a compact, versioned binary form ({@link #encode()} / {@link #decode(byte[])}).
 */
public final class ObjectiveState {

    public static final long NONE = Long.MIN_VALUE;
    private static final byte FORMAT = 1;

    private final String agreementId;
    private final String objectiveId;
    private long streamTime = NONE;
    private BucketedWindow window;
    private String breachId;
    private long breachOpenedAt = NONE;
    private long falseSince = NONE;
    private long lastFinalizedEnd = NONE;
    private final TreeMap<Long, Tally> openPeriods = new TreeMap<>();

    public ObjectiveState(String agreementId, String objectiveId) {
        this.agreementId = agreementId;
        this.objectiveId = objectiveId;
    }

    /** Good and total counts of one compliance period that is not final yet. */
    public static final class Tally {
        private final Period period;
        private long good;
        private long total;

        Tally(Period period, long good, long total) {
            this.period = period;
            this.good = good;
            this.total = total;
        }

        public Period period() {
            return period;
        }

        public long good() {
            return good;
        }

        public long total() {
            return total;
        }

        void add(long g, long t) {
            good = Math.addExact(good, g);
            total = Math.addExact(total, t);
        }
    }

    public String agreementId() {
        return agreementId;
    }

    public String objectiveId() {
        return objectiveId;
    }

    /** Newest event time applied for this objective (the key's stream time), or {@link #NONE}. */
    public long streamTime() {
        return streamTime;
    }

    void streamTime(long t) {
        streamTime = t;
    }

    /** The sliding window, or null before the first measurement. */
    public BucketedWindow window() {
        return window;
    }

    void window(BucketedWindow w) {
        window = w;
    }

    /** Id of the open breach, or null. */
    public String breachId() {
        return breachId;
    }

    public long breachOpenedAt() {
        return breachOpenedAt;
    }

    /** Stream time at which the rule turned false while a breach is open, or {@link #NONE}. */
    public long falseSince() {
        return falseSince;
    }

    void openBreach(String id, long openedAt) {
        breachId = id;
        breachOpenedAt = openedAt;
        falseSince = NONE;
    }

    void falseSince(long t) {
        falseSince = t;
    }

    void closeBreach() {
        breachId = null;
        breachOpenedAt = NONE;
        falseSince = NONE;
    }

    /** End of the latest period finalized for this objective, or {@link #NONE}. */
    public long lastFinalizedEnd() {
        return lastFinalizedEnd;
    }

    /** Open (not final) periods, oldest first. */
    public List<Tally> openPeriods() {
        return Collections.unmodifiableList(new ArrayList<>(openPeriods.values()));
    }

    /** The open tally of {@code period}, or null. */
    public Tally openPeriod(long periodStart) {
        return openPeriods.get(periodStart);
    }

    Tally tally(Period p) {
        return openPeriods.computeIfAbsent(p.start(), s -> new Tally(p, 0, 0));
    }

    void finalized(Tally t) {
        openPeriods.remove(t.period().start());
        lastFinalizedEnd = Math.max(lastFinalizedEnd, t.period().end());
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(agreementId);
            out.writeUTF(objectiveId);
            out.writeLong(streamTime);
            out.writeBoolean(window != null);
            if (window != null) {
                window.writeTo(out);
            }
            out.writeBoolean(breachId != null);
            if (breachId != null) {
                out.writeUTF(breachId);
                out.writeLong(breachOpenedAt);
                out.writeLong(falseSince);
            }
            out.writeLong(lastFinalizedEnd);
            out.writeInt(openPeriods.size());
            for (Map.Entry<Long, Tally> e : openPeriods.entrySet()) {
                Tally t = e.getValue();
                out.writeLong(t.period.start());
                out.writeLong(t.period.end());
                out.writeLong(t.good);
                out.writeLong(t.total);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ObjectiveState decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown objective state format " + format);
            }
            ObjectiveState s = new ObjectiveState(in.readUTF(), in.readUTF());
            s.streamTime = in.readLong();
            if (in.readBoolean()) {
                s.window = BucketedWindow.readFrom(in);
            }
            if (in.readBoolean()) {
                s.breachId = in.readUTF();
                s.breachOpenedAt = in.readLong();
                s.falseSince = in.readLong();
            }
            s.lastFinalizedEnd = in.readLong();
            int periods = in.readInt();
            for (int i = 0; i < periods; i++) {
                Period p = new Period(in.readLong(), in.readLong());
                s.openPeriods.put(p.start(), new Tally(p, in.readLong(), in.readLong()));
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
